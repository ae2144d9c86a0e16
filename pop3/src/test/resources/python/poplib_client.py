"""Python's poplib as a second, independent POP3 client for Loft's tests.

Usage: poplib_client.py HOST PORT USER PASSWORD CAFILE MODE, MODE = stls | pop3s.
Prints one line per fact the Java test checks; exits non-zero on any protocol error.
"""
import hashlib
import poplib
import ssl
import sys

host, port, user, password, cafile, mode = sys.argv[1:7]
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False
if mode == "pop3s":
    conn = poplib.POP3_SSL(host, int(port), context=context, timeout=10)
else:
    conn = poplib.POP3(host, int(port), timeout=10)
    caps = conn.capa()
    print("capa-before-tls", " ".join(sorted(caps)))
    conn.stls(context=context)
caps = conn.capa()
print("capa", " ".join(sorted(caps)))
print("user", conn.user(user).decode())
print("pass", conn.pass_(password).decode())
count, size = conn.stat()
print("stat", count, size)
resp, listing, _ = conn.list()
print("list", " ".join(x.decode() for x in listing))
resp, uidls, _ = conn.uidl()
print("uidl", " ".join(x.decode() for x in uidls))
for i in range(1, count + 1):
    resp, lines, octets = conn.retr(i)
    body = b"\r\n".join(lines) + b"\r\n"
    print("retr", i, resp.decode(), octets, len(body), hashlib.sha256(body).hexdigest())
resp, lines, octets = conn.top(1, 0)
print("top", len(lines))
print("dele", conn.dele(1).decode())
print("quit", conn.quit().decode())
