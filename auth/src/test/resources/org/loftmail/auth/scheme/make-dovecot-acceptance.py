#!/usr/bin/env python3
"""Regenerates dovecot-acceptance.tsv: stored values in unusual shapes (hex where base64 is the
default, crypt strings under the "wrong" crypt scheme, case, suffixes) and whether a running
Dovecot 2.3.19 accepts the password for them. Needs a Dovecot started with a passwd-file passdb
(default_pass_scheme CRYPT) whose auth-client socket is given as argv[1] and file as argv[2],
e.g. /tmp/schemes-dc (see the test class). Run once by hand; tests only read the output."""
import base64, hashlib, subprocess, sys

sock, passwd, conf = sys.argv[1], sys.argv[2], sys.argv[3]

def pw(scheme, password, *extra):
    return subprocess.run(["doveadm", "pw", "-s", scheme, "-p", password, *extra], check=True,
                          capture_output=True, text=True).stdout.strip()

def mk(method, password, *extra):
    return subprocess.run(["mkpasswd", "-m", method, *extra, "--", password], check=True,
                          capture_output=True, text=True).stdout.strip()

s = "secret"
sha1 = hashlib.sha1(s.encode()).digest()
md5 = hashlib.md5(s.encode()).digest()
sha256 = hashlib.sha256(s.encode()).digest()
sha512 = hashlib.sha512(s.encode()).digest()
salt8 = b"12345678"
sha512crypt = pw("SHA512-CRYPT", s).split("}", 1)[1]
sha256crypt = pw("SHA256-CRYPT", s).split("}", 1)[1]
md5crypt = pw("MD5-CRYPT", s).split("}", 1)[1]
bcrypt = pw("BLF-CRYPT", s).split("}", 1)[1]
cram = pw("CRAM-MD5", s).split("}", 1)[1]
cases = [
    ("{SHA}" + sha1.hex(), s), ("{SHA}" + sha1.hex().upper(), s), ("{SHA}" + base64.b64encode(sha1).decode(), s),
    ("{SHA.HEX}" + base64.b64encode(sha1).decode(), s), ("{SHA.B64}" + sha1.hex(), s),
    ("{sha}" + base64.b64encode(sha1).decode(), s), ("{SHA1}" + base64.b64encode(sha1).decode(), s),
    ("{SHA256}" + sha256.hex(), s), ("{SHA512}" + sha512.hex(), s), ("{SHA512.hex}" + sha512.hex(), s),
    ("{PLAIN-MD5}" + base64.b64encode(md5).decode(), s), ("{PLAIN-MD5}" + md5.hex(), s),
    ("{LDAP-MD5}" + md5.hex(), s), ("{MD5}" + md5.hex(), s), ("{MD5}" + base64.b64encode(md5).decode(), s),
    ("{MD5}" + md5crypt, s), ("{MD5}" + sha512crypt, s),
    ("{SSHA}" + base64.b64encode(hashlib.sha1(s.encode() + salt8).digest() + salt8).decode(), s),
    ("{SSHA}" + (hashlib.sha1(s.encode() + salt8).digest() + salt8).hex(), s),
    ("{SSHA.hex}" + (hashlib.sha1(s.encode() + salt8).digest() + salt8).hex(), s),
    ("{SSHA256}" + base64.b64encode(hashlib.sha256(s.encode() + b"x").digest() + b"x").decode(), s),
    ("{SSHA512}" + base64.b64encode(hashlib.sha512(s.encode()).digest()).decode(), s),
    ("{SMD5}" + base64.b64encode(hashlib.md5(s.encode() + salt8).digest() + salt8).decode(), s),
    ("{PLAIN}" + s, s), ("{plain}" + s, s), ("{CLEAR}" + s, s), ("{CLEARTEXT}" + s, s), ("{PLAIN}" + s, "Secret"),
    ("{PLAIN.B64}" + base64.b64encode(s.encode()).decode(), s), ("{PLAIN.HEX}" + s.encode().hex(), s),
    ("{PLAIN}", ""), ("{PLAIN}", "x"),
    (sha512crypt, s), (md5crypt, s), (bcrypt, s), ("{CRYPT}" + sha256crypt, s),
    ("{SHA512-CRYPT}" + sha256crypt, s), ("{SHA256-CRYPT}" + sha512crypt, s), ("{BLF-CRYPT}" + sha512crypt, s),
    ("{SHA512-CRYPT}" + bcrypt, s), ("{MD5-CRYPT}" + sha512crypt, s), ("{DES-CRYPT}" + sha512crypt, s),
    ("{MD5-CRYPT}" + md5crypt + "$ignored", s),
    ("{CRYPT}" + mk("descrypt", s), s), ("{CRYPT}" + mk("yescrypt", s), s), ("{CRYPT}" + mk("yescrypt", s), "wrong"),
    ("{CRYPT}" + mk("bcrypt", s), s), ("{CRYPT}" + mk("sha512crypt", s, "-R", "1000"), s),
    ("{SHA512-CRYPT}" + mk("sha512crypt", s, "-R", "1000"), s),
    ("{CRAM-MD5}" + cram, s), ("{HMAC-MD5}" + cram, s), ("{CRAM-MD5}" + cram.upper(), s),
    ("{CRAM-MD5.b64}" + base64.b64encode(bytes.fromhex(cram)).decode(), s), ("{CRAM-MD5}" + cram, "wrong"),
    (pw("SCRAM-SHA-1", s), s), (pw("SCRAM-SHA-256", s), s), (pw("SCRAM-SHA-256", s), "wrong"),
    (pw("PBKDF2", s, "-r", "100"), s), (pw("PBKDF2", s, "-r", "100"), "wrong"),
    (pw("ARGON2I", s), s), (pw("ARGON2ID", s), "wrong"),
    ("{NO-SUCH-SCHEME}abc", s), ("{SHA}tooshort", s), ("{SHA}" + sha1.hex()[:-2], s),
    ("secret", s), ("$1$", s),
]

with open(passwd, "w") as f:
    for i, (stored, _) in enumerate(cases):
        f.write("u%d:%s::::::\n" % (i, stored))

rows = []
for i, (stored, password) in enumerate(cases):
    r = subprocess.run(["doveadm", "-c", conf, "auth", "test", "-a", sock, "u%d" % i, password],
                       capture_output=True, text=True)
    result = "ok" if r.returncode == 0 else "fail"
    rows.append((result, base64.b64encode(password.encode()).decode(), stored))

out = sys.argv[4] if len(sys.argv) > 4 else "dovecot-acceptance.tsv"
with open(out, "w") as f:
    f.write("# Made by make-dovecot-acceptance.py against Dovecot 2.3.19 (passwd-file, default scheme CRYPT). Do not edit.\n")
    f.write("# dovecot result\tpassword (base64 of UTF-8)\tstored\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(sum(1 for r in rows if r[0] == "ok"), "ok of", len(rows))
