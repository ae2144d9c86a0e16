# Appends messages to an mbox the way Postfix local(8) and procmail do: dot-lock <mbox>.lock (a temporary file
# linked into place), then an exclusive fcntl lock, append, fsync, unlock, remove the dot-lock.
# Usage: mbox-writer.py MBOX COUNT PREFIX [PAUSE_SECONDS]. Prints one line per message it appended.
import fcntl, os, sys, time

mbox, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
lock = mbox + ".lock"

def dotlock():
    tmp = "%s.%d.%d" % (lock, os.getpid(), time.time_ns())
    with open(tmp, "w") as f:
        f.write("%d:writer\n" % os.getpid())
    try:
        while True:
            try:
                os.link(tmp, lock)
                return
            except FileExistsError:
                time.sleep(0.005)
    finally:
        os.unlink(tmp)

for i in range(1, count + 1):
    dotlock()
    try:
        fd = os.open(mbox, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            lead = b""
            if size > 0:
                with open(mbox, "rb") as r:
                    r.seek(size - 1)
                    if r.read(1) != b"\n":
                        lead = b"\n"
            when = time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime())
            msg = ("From writer@example.org  %s\nReturn-Path: <writer@example.org>\n"
                   "Message-ID: <%s-%d@example.org>\nSubject: %s %d\nX-UID: 1\nStatus: RO\n\n"
                   "body %d\nFrom the middle of a line\n>From quoted\n\n") % (when, prefix, i, prefix, i, i)
            os.write(fd, lead + msg.encode())
            os.fsync(fd)
            fcntl.lockf(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        os.unlink(lock)
    print("%s-%d" % (prefix, i), flush=True)
    if pause:
        time.sleep(pause)
