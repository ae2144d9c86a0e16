"""Python's smtplib against Loft's submission service: a second, independent SMTP client.

Usage: smtplib_client.py HOST PORT USER PASSWORD CAFILE starttls|smtps
Prints one line per step; the Java test checks them.
"""
import smtplib
import ssl
import sys
from email.message import EmailMessage

host, port, user, password, cafile, mode = sys.argv[1:7]
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False  # the test certificate names localhost, the server listens on 127.0.0.2

if mode == "smtps":
    client = smtplib.SMTP_SSL(host, int(port), context=context, source_address=("127.0.0.1", 0), timeout=20)
    client.ehlo("python.example.org")
else:
    client = smtplib.SMTP(host, int(port), source_address=("127.0.0.1", 0), timeout=20)
    client.ehlo("python.example.org")
    print("features-before-tls", " ".join(sorted(client.esmtp_features)), client.esmtp_features.get("auth", ""))
    try:
        client.user, client.password = user, password
        client.auth("PLAIN", client.auth_plain)
        print("login-before-tls accepted")
    except smtplib.SMTPException as e:
        print("login-before-tls refused", type(e).__name__)
    client.starttls(context=context)
    client.ehlo("python.example.org")

print("features", " ".join(sorted(client.esmtp_features)), client.esmtp_features.get("auth", ""))
client.login(user, password)
print("login ok")

msg = EmailMessage()
msg["From"] = "jsmith@example.com"
msg["To"] = "friend@example.net, nobody@example.net"
msg["Subject"] = "from smtplib"
msg.set_content("Hello from Python.\n.starts with a dot\n")
refused = client.send_message(msg, from_addr="jsmith@example.com",
                              to_addrs=["friend@example.net", "nobody@example.net"])
for rcpt, (code, text) in sorted(refused.items()):
    print("refused", rcpt, code, text.decode())

try:
    client.sendmail("ceo@bank.test", ["friend@example.net"], "Subject: spoof\r\n\r\nx\r\n")
    print("spoof accepted")
except smtplib.SMTPSenderRefused as e:
    print("spoof refused", e.smtp_code, e.smtp_error.decode())

print("quit", client.quit()[0])
