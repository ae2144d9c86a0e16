#!/usr/bin/env python3
"""Records what Dovecot 2.3 answers for every corpus message (*.eml -> *.envelope, *.bodystructure, *.body,
*.sections). Needs a Dovecot listening on 127.0.0.1:PORT with a user whose INBOX is the Maildir given.
Usage: dovecot_expect.py MAILDIR PORT USER PASS [names...]"""
import hashlib, os, re, shutil, socket, sys

here = os.environ.get('CORPUS_DIR') or os.path.dirname(os.path.abspath(__file__))
maildir, port, user, pw = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
names = sys.argv[5:] or sorted(f[:-4] for f in os.listdir(here) if f.endswith('.eml'))


class Imap:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port)); self.buf = b''; self.n = 0
        self.line()
    def fill(self):
        d = self.s.recv(65536)
        if not d: raise EOFError
        self.buf += d
    def line(self):
        while b'\r\n' not in self.buf: self.fill()
        i = self.buf.index(b'\r\n'); l = self.buf[:i + 2]; self.buf = self.buf[i + 2:]; return l
    def take(self, n):
        while len(self.buf) < n: self.fill()
        d = self.buf[:n]; self.buf = self.buf[n:]; return d
    def response(self):
        """One whole response with its literals, as raw bytes."""
        out = b''
        while True:
            l = self.line(); out += l
            m = re.search(rb'\{(\d+)\}\r\n$', l)
            if not m: return out
            out += self.take(int(m.group(1)))
    def cmd(self, text):
        self.n += 1; tag = b'a%d' % self.n
        self.s.sendall(tag + b' ' + text.encode() + b'\r\n'); res = []
        while True:
            r = self.response()
            if r.startswith(tag + b' '):
                if not r.startswith(tag + b' OK'): raise RuntimeError(r)
                return res
            res.append(r)

def item(resp, name):
    """The value of a FETCH item in a raw FETCH response (balanced parens, literals honoured)."""
    m = re.search(rb'[ (]' + re.escape(name.encode()) + rb' ', resp)
    i = m.end()
    depth = 0; j = i
    while True:
        c = resp[j:j + 1]
        if c == b'"':
            j += 1
            while resp[j:j + 1] != b'"':
                j += 2 if resp[j:j + 1] == b'\\' else 1
            j += 1
        elif c == b'{':
            k = resp.index(b'}\r\n', j); j = k + 3 + int(resp[j + 1:k])
        elif c == b'(':
            depth += 1; j += 1
        elif c == b')':
            if depth == 0: return resp[i:j]
            depth -= 1; j += 1
            if depth == 0: return resp[i:j]
        elif c == b' ' and depth == 0:
            return resp[i:j]
        else:
            j += 1

def literal_or_nil(resp, name):
    v = item(resp, name)
    if v == b'NIL': return None
    if v.startswith(b'"'): return v[1:-1]
    k = v.index(b'}\r\n'); return v[k + 3:]

def esc(b):
    return b.replace(b'\\', b'\\\\').replace(b'\r', b'\\r').replace(b'\n', b'\\n')

if names == ['addresses']:
    # addresses.txt: one To: value a line -> addresses.expected: value TAB the ENVELOPE of "To: value"
    values = [l.rstrip(b'\n') for l in open(os.path.join(here, 'addresses.txt'), 'rb')]
    shutil.rmtree(maildir, ignore_errors=True)
    for d in ('cur', 'new', 'tmp'): os.makedirs(os.path.join(maildir, d))
    for i, v in enumerate(values):
        open(os.path.join(maildir, 'cur', '%d.M1P1.loft:2,' % (1000000000 + i)), 'wb').write(b'To: ' + v + b'\r\n\r\nx\r\n')
    for root, dirs, files in os.walk(maildir):
        for x in [root] + [os.path.join(root, f) for f in files]: shutil.chown(x, os.environ.get('DV_OWNER', 'nobody'))
    im = Imap(port); im.cmd(f'LOGIN {user} {pw}'); im.cmd('SELECT INBOX')
    out = []
    for i, v in enumerate(values):
        r = im.cmd(f'FETCH {i + 1} (ENVELOPE)')[0]
        out.append(esc(v) + b'\t' + esc(item(r, 'ENVELOPE')))
    open(os.path.join(here, 'addresses.expected'), 'wb').write(b'\n'.join(out) + b'\n')
    sys.exit(0)

if names == ['search']:
    # every *.eml in one mailbox; for each needle in search_needles.txt, which messages SEARCH BODY / TEXT finds
    # -> search.expected: KEY TAB needle TAB the matching file names (sorted, space separated)
    emls = sorted(f for f in os.listdir(here) if f.endswith('.eml'))
    shutil.rmtree(maildir, ignore_errors=True)
    for d in ('cur', 'new', 'tmp'): os.makedirs(os.path.join(maildir, d))
    for i, f in enumerate(emls):
        shutil.copy(os.path.join(here, f), os.path.join(maildir, 'cur', '%d.M1P1.loft:2,' % (1000000000 + i)))
    for root, dirs, files in os.walk(maildir):
        for x in [root] + [os.path.join(root, f) for f in files]: shutil.chown(x, os.environ.get('DV_OWNER', 'nobody'))
    im = Imap(port); im.cmd(f'LOGIN {user} {pw}'); im.cmd('SELECT INBOX')
    out = []
    for needle in [l.rstrip('\n') for l in open(os.path.join(here, 'search_needles.txt'), encoding='utf-8') if l.strip()]:
        nb = needle.encode()
        for key in ('BODY', 'TEXT'):
            im.n += 1; tag = b'a%d' % im.n
            im.s.sendall(tag + b' SEARCH CHARSET UTF-8 ' + key.encode() + b' {%d+}\r\n' % len(nb) + nb + b'\r\n')
            hits = []
            while True:
                r = im.response()
                if r.startswith(b'* SEARCH'):
                    hits = [emls[int(x) - 1] for x in r.split()[2:]]
                elif r.startswith(tag + b' '):
                    if not r.startswith(tag + b' OK'): raise RuntimeError(r)
                    break
            out.append(key + '\t' + needle + '\t' + ' '.join(sorted(hits)))
    header = '#messages\t' + ' '.join(emls)
    open(os.path.join(here, 'search.expected'), 'w', encoding='utf-8').write(header + '\n' + '\n'.join(out) + '\n')
    sys.exit(0)

SECTIONS = ['', 'HEADER', 'TEXT']
for a in range(1, 4):
    SECTIONS += [f'{a}', f'{a}.MIME', f'{a}.HEADER', f'{a}.TEXT']
    for b in range(1, 4):
        SECTIONS += [f'{a}.{b}', f'{a}.{b}.MIME', f'{a}.{b}.HEADER', f'{a}.{b}.TEXT']
        for c in range(1, 3):
            SECTIONS += [f'{a}.{b}.{c}', f'{a}.{b}.{c}.MIME']

cur = os.path.join(maildir, 'cur')
for name in names:
    shutil.rmtree(maildir, ignore_errors=True)
    for d in ('cur', 'new', 'tmp'): os.makedirs(os.path.join(maildir, d))
    shutil.copy(os.path.join(here, name + '.eml'), os.path.join(cur, '1000000000.M1P1.loft:2,'))
    for root, dirs, files in os.walk(maildir):
        for x in [root] + [os.path.join(root, f) for f in files]: shutil.chown(x, os.environ.get('DV_OWNER', 'nobody'))
    im = Imap(port); im.cmd(f'LOGIN {user} {pw}'); im.cmd('SELECT INBOX')
    r = im.cmd('FETCH 1 (ENVELOPE)')[0]
    open(os.path.join(here, name + '.envelope'), 'wb').write(item(r, 'ENVELOPE'))
    r = im.cmd('FETCH 1 (BODYSTRUCTURE)')[0]
    open(os.path.join(here, name + '.bodystructure'), 'wb').write(item(r, 'BODYSTRUCTURE'))
    r = im.cmd('FETCH 1 (BODY)')[0]
    open(os.path.join(here, name + '.body'), 'wb').write(item(r, 'BODY'))
    lines = ['RFC822.SIZE ' + item(im.cmd('FETCH 1 (RFC822.SIZE)')[0], 'RFC822.SIZE').decode()]
    for s in SECTIONS:
        r = im.cmd(f'FETCH 1 (BODY.PEEK[{s}])')[0]
        v = literal_or_nil(r, f'BODY[{s}]')
        lines.append(f'[{s}] NIL' if v is None else f'[{s}] {len(v)} {hashlib.sha1(v).hexdigest()}')
    open(os.path.join(here, name + '.sections'), 'w').write('\n'.join(lines) + '\n')
    im.cmd('LOGOUT') if False else im.s.close()
    print(name)
