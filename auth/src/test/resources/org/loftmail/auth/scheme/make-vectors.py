#!/usr/bin/env python3
"""Regenerates scheme-vectors.tsv from independent implementations: Dovecot's `doveadm pw`
(Debian package dovecot-core) and libxcrypt's `mkpasswd` (package whois). Run once by hand;
the tests only read the committed output and never need Dovecot.

Columns: source, password as base64 of its UTF-8 bytes, stored value ({SCHEME}...), user."""
import base64, subprocess, sys

PASSWORDS = ["secret", "", "pässwörd ünïcode", "with space:colon#hash",
             "x" * 80, "p@$$w0rd\\\"'`", "a" * 72 + "IGNORED-BY-BCRYPT"]
FAST = ["PLAIN", "CLEARTEXT", "CRYPT", "MD5-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "BLF-CRYPT",
        "PBKDF2", "SHA", "SSHA", "SHA256", "SSHA256", "SHA512", "SSHA512", "PLAIN-MD5", "MD5",
        "LDAP-MD5", "SMD5", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "DES-CRYPT",
        "PLAIN-MD4", "SHA1", "CLEAR", "PLAIN.b64", "SHA.hex", "SHA256.hex", "SSHA.hex", "PLAIN-MD5.b64", "CRAM-MD5.b64"]
ROUNDS = [("SHA512-CRYPT", "10000"), ("SHA256-CRYPT", "1000"), ("BLF-CRYPT", "6"), ("CRYPT", "4"),
          ("PBKDF2", "1000"), ("ARGON2I", "3")]
MKPASSWD = [("descrypt", "CRYPT", []), ("md5crypt", "MD5-CRYPT", []), ("sha256crypt", "SHA256-CRYPT", []),
            ("sha512crypt", "SHA512-CRYPT", []), ("sha512crypt", "SHA512-CRYPT", ["-R", "20000"]),
            ("sha256crypt", "CRYPT", ["-R", "1234"]), ("bcrypt", "BLF-CRYPT", ["-R", "5"]),
            ("bcrypt-a", "BLF-CRYPT", ["-R", "4"]), ("bcrypt", "CRYPT", ["-R", "4"]),
            ("yescrypt", "CRYPT", []), ("scrypt", "CRYPT", []), ("sunmd5", "CRYPT", []),
            ("bsdicrypt", "CRYPT", []), ("gost-yescrypt", "CRYPT", [])]

def b64(p):
    return base64.b64encode(p.encode()).decode()

rows = []
def doveadm(scheme, password, extra=(), user=""):
    args = ["doveadm", "pw", "-s", scheme, "-p", password] + list(extra)
    if user:
        args += ["-u", user]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()
    rows.append(("doveadm", b64(password), out, user))

for scheme in FAST:
    for pw in PASSWORDS:
        if scheme == "DES-CRYPT" and len(pw.encode()) > 8 and pw != PASSWORDS[4]:
            continue
        doveadm(scheme, pw)
for scheme in ["ARGON2I", "ARGON2ID"]:
    for pw in ["secret", "pässwörd ünïcode"]:
        doveadm(scheme, pw)
for user in ["alice@example.org", "bob", "ünï@cöde.example"]:
    for pw in ["secret", "pässwörd ünïcode"]:
        doveadm("DIGEST-MD5", pw, user=user)
for scheme, rounds in ROUNDS:
    doveadm(scheme, "secret", ["-r", rounds])
for method, scheme, extra in MKPASSWD:
    for pw in ["secret", "pässwörd ünïcode", "x" * 80]:
        if method == "descrypt" and pw != "secret":
            pw = pw[:8] if pw.isascii() else pw
        out = subprocess.run(["mkpasswd", "-m", method] + extra + ["--", pw], check=True,
                             capture_output=True, text=True).stdout.strip()
        rows.append(("mkpasswd", b64(pw), "{%s}%s" % (scheme, out), ""))

with open(sys.argv[1] if len(sys.argv) > 1 else "scheme-vectors.tsv", "w") as f:
    f.write("# Made by make-vectors.py with doveadm (Dovecot 2.3.19) and mkpasswd (libxcrypt). Do not edit.\n")
    f.write("# source\tpassword (base64 of UTF-8)\tstored\tuser\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
