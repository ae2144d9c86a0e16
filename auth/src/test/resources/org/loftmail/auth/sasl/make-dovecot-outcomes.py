#!/usr/bin/env python3
"""Regenerates dovecot-outcomes.tsv: client message sequences fed to each SASL mechanism of a
running Dovecot 2.3.19 over its auth-client socket (argv[1]), with a passwd-file (argv[2]) holding
alice:{PLAIN}secret, and what Dovecot answered at each step (CONT with its data when that is not
random, OK, FAIL). Run once by hand; MechanismOutcomesTest replays the table against Loft.

Columns: mechanism, the client messages as base64 joined by ',' (the first is the initial
response; '-' means none was sent), and the answers joined by ','."""
import base64, socket, sys, time

sock_path, passwd = sys.argv[1], sys.argv[2]
with open(passwd, "w") as f:
    f.write("alice:{PLAIN}secret::::::\n")
time.sleep(1.1)

RANDOM_CHALLENGE = {"CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"}
N = "\0"
cases = [
    ("PLAIN", [N + "alice" + N + "secret"]), ("PLAIN", ["alice" + N + "alice" + N + "secret"]),
    ("PLAIN", [N + "alice" + N + "wrong"]), ("PLAIN", [N + "nobody" + N + "secret"]),
    ("PLAIN", ["alicesecret"]), ("PLAIN", [N + "alice"]), ("PLAIN", [N + N + "secret"]),
    ("PLAIN", [N + "alice" + N + "sec" + N + "ret"]), ("PLAIN", [N + "alice" + N]),
    ("PLAIN", [None, N + "alice" + N + "secret"]), ("PLAIN", [""]),
    ("LOGIN", [None, "alice", "secret"]), ("LOGIN", ["alice", "secret"]), ("LOGIN", ["", "alice", "secret"]),
    ("LOGIN", [None, "alice", "wrong"]), ("LOGIN", [None, "", "secret"]), ("LOGIN", [None, "al" + N + "ice", "secret"]),
    ("ANONYMOUS", ["someone@example.org"]), ("ANONYMOUS", [None, "trace"]), ("ANONYMOUS", [""]),
    ("EXTERNAL", [""]), ("EXTERNAL", [None, ""]),
    ("CRAM-MD5", [None, "alice 00000000000000000000000000000000"]), ("CRAM-MD5", [None, "alice"]),
    ("CRAM-MD5", [None, "nobody 00000000000000000000000000000000"]),
    ("SCRAM-SHA-256", ["n,,n=alice,r=abc"]), ("SCRAM-SHA-256", [None, "n,,n=alice,r=abc"]),
    ("SCRAM-SHA-256", ["y,,n=alice,r=abc"]), ("SCRAM-SHA-256", ["n,a=alice,n=alice,r=abc"]),
    ("SCRAM-SHA-256", ["p=tls-unique,,n=alice,r=abc"]), ("SCRAM-SHA-256", ["x,,n=alice,r=abc"]),
    ("SCRAM-SHA-256", ["n,,m=ext,n=alice,r=abc"]), ("SCRAM-SHA-256", ["n,,n=al=ice,r=abc"]),
    ("SCRAM-SHA-256", ["n,,n=alice"]), ("SCRAM-SHA-256", ["n=alice,r=abc"]),
    ("SCRAM-SHA-256", ["n,,n=alice,r=abc", "c=biws,r=abc,p=AAAA"]),
    ("SCRAM-SHA-1", ["n,,n=alice,r=abc", "garbage"]),
    ("SCRAM-SHA-256", ["n,,n=nobody,r=abc"]),
]

def b64(s):
    return base64.b64encode(s.encode()).decode()

def run(mech, messages, ident):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    s.sendall(b"VERSION\t1\t2\nCPID\t4242\n")
    buf = b""
    while b"DONE\n" not in buf:
        buf += s.recv(4096)
    req = "AUTH\t%d\t%s\tservice=imap\tsecured\tlip=127.0.0.1\trip=127.0.0.1" % (ident, mech)
    first = messages[0]
    if first is not None:
        req += "\tresp=" + b64(first)
    s.sendall((req + "\n").encode())
    answers = []
    rest = messages[1:]
    f = s.makefile("rb")
    while True:
        line = f.readline().decode().rstrip("\n")
        parts = line.split("\t")
        if parts[0] == "CONT":
            data = parts[2] if len(parts) > 2 else ""
            answers.append("CONT" if mech in RANDOM_CHALLENGE else "CONT:" + data)
            if not rest:
                answers.append("WAITING")
                break
            s.sendall(("CONT\t%d\t%s\n" % (ident, b64(rest[0]))).encode())
            rest = rest[1:]
        elif parts[0] in ("OK", "FAIL"):
            answers.append(parts[0])
            break
        else:
            answers.append("?" + parts[0])
            break
    s.close()
    return answers

rows = []
for i, (mech, messages) in enumerate(cases):
    answers = run(mech, messages, i + 1)
    shown = ",".join("-" if m is None else b64(m) for m in messages)
    rows.append((mech, shown, ",".join(answers)))

with open(sys.argv[3] if len(sys.argv) > 3 else "dovecot-outcomes.tsv", "w") as f:
    f.write("# Made by make-dovecot-outcomes.py against Dovecot 2.3.19's auth-client socket. Do not edit.\n")
    f.write("# mechanism\tclient messages (base64, '-' = no initial response)\tDovecot's answers\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
for r in rows:
    print(r[0], [None if x == "-" else base64.b64decode(x) for x in r[1].split(",")], r[2])
