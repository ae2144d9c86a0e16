"""Drives one SMTP AUTH against a real Postfix for PostfixSaslTest.

usage: smtp_auth_client.py PORT PLAIN|LOGIN USER PASSWORD [pause]
Prints the final reply code and text. With "pause", prints EHLO-DONE after EHLO and waits
for a line on stdin before AUTH (the test stops Loft in between).
"""
import base64
import smtplib
import sys


def b64(s):
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


port, mech, user, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
pause = len(sys.argv) > 5 and sys.argv[5] == "pause"
s = smtplib.SMTP("127.0.0.1", int(port), timeout=30)
code, msg = s.ehlo("client.example")
if pause:
    print("EHLO-DONE", flush=True)
    sys.stdin.readline()
if mech == "PLAIN":
    code, msg = s.docmd("AUTH", "PLAIN " + b64("\0" + user + "\0" + password))
else:
    code, msg = s.docmd("AUTH", "LOGIN")
    if code == 334:
        code, msg = s.docmd(b64(user))
    if code == 334:
        code, msg = s.docmd(b64(password))
print(code, msg.decode("utf-8", "replace"), flush=True)
try:
    s.quit()
except Exception:
    pass
