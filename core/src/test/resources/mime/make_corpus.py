#!/usr/bin/env python3
"""Writes the tricky-message corpus (kept as a script so line endings and 8-bit bytes are exact)."""
import os
here = os.path.dirname(os.path.abspath(__file__))
M = {}
def lf(s): return s.encode('latin-1') if isinstance(s, str) else s
def crlf(s): return lf(s).replace(b'\n', b'\r\n')

M['simple-text'] = crlf("""Return-Path: <alice@example.org>
Date: Mon, 23 Nov 2026 10:00:00 +0100
From: Alice Example <alice@example.org>
To: Bob <bob@example.com>, carol@example.net
Subject: Hello there
Message-ID: <1234@example.org>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hello Bob,

this is a simple message.
-- 
Alice
""")

M['multipart-nested'] = crlf("""From: "Doe, John" <john@example.com>
To: team@example.com
Cc: Jane <jane@example.com>
Date: Tue, 24 Nov 2026 08:30:00 -0500
Subject: Nested multipart
Message-ID: <nested-1@example.com>
In-Reply-To: <prev@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-boundary"

This is the preamble.
--outer-boundary
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Caf=E9 au lait
--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

PGh0bWw+PGJvZHk+Q2Fmw6kgYXUgbGFpdDwvYm9keT48L2h0bWw+Cg==
--inner--
--outer-boundary
Content-Type: application/pdf; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"; size=20
Content-Transfer-Encoding: base64
Content-ID: <part3@example.com>
Content-Description: The report
Content-Language: en, de
Content-Location: http://example.com/report.pdf
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==

JVBERi0xLjQKJcfsj6IKMSAwIG9iago=
--outer-boundary--
This is the epilogue.
""")

M['message-rfc822'] = crlf("""From: forwarder@example.org
To: someone@example.com
Subject: Fwd: original
Date: Wed, 25 Nov 2026 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b1

--b1
Content-Type: text/plain

See the attached message.
--b1
Content-Type: message/rfc822
Content-Disposition: inline

From: Original Sender <orig@example.net>
To: forwarder@example.org
Subject: original
Date: Tue, 24 Nov 2026 09:00:00 +0000
Message-ID: <orig@example.net>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=b2

--b2
Content-Type: text/plain

plain body
--b2
Content-Type: text/html

<p>html body</p>
--b2--

--b1--
""")

M['bad-boundary'] = crlf("""From: a@example.com
To: b@example.com
Subject: boundary never appears
Content-Type: multipart/mixed; boundary="nothere"

--wrong
Content-Type: text/plain

text
--wrong--
""")

M['missing-boundary-param'] = crlf("""From: a@example.com
Subject: multipart without boundary
Content-Type: multipart/mixed

--x
Content-Type: text/plain

hi
--x--
""")

M['unterminated-multipart'] = crlf("""From: a@example.com
Subject: no close delimiter
Content-Type: multipart/mixed; boundary=zz

--zz
Content-Type: text/plain

first
--zz
Content-Type: text/plain

second, then EOF without newline""")

M['no-content-type'] = crlf("""From: a@example.com
To: b@example.com
Subject: no content type

Just text.
""")

M['bare-lf'] = lf("""From: Lf Only <lf@example.com>
To: b@example.com
Subject: bare LF line ends
Content-Type: multipart/mixed; boundary=lf

--lf
Content-Type: text/plain

line one
line two
--lf
Content-Type: text/plain; charset=us-ascii

x
--lf--
""")

M['mixed-line-ends'] = lf("From: a@example.com\r\nSubject: mixed\nContent-Type: text/plain\r\n\nline crlf\r\nline lf\nlone cr\rend\n")

M['eight-bit-headers'] = lf("From: J\xc3\xbcrgen M\xc3\xbcller <juergen@example.de>\nTo: \"Gr\xc3\xbc\xc3\x9fe\" <x@example.de>\nSubject: Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nK\xc3\xb6ln\n")

M['encoded-words'] = crlf("""From: =?UTF-8?Q?Andr=C3=A9?= <andre@example.fr>
To: =?ISO-8859-1?B?SvZyZw==?= <joerg@example.de>, =?broken?X?abc?= <x@example.com>
Subject: =?UTF-8?B?w4lsw6h2ZQ==?= and =?UTF-8?Q?caf=C3=A9?= =?unknown-charset?Q?x?= =?UTF-8?B?###?=
Content-Type: text/plain; charset="utf-8"

body
""")

M['rfc2231'] = crlf("""From: a@example.com
Subject: RFC 2231
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=p

--p
Content-Type: application/octet-stream;
 name*0="very long ";
 name*1="file name.txt"
Content-Disposition: attachment;
 filename*0*=UTF-8''%E2%82%AC%20rates;
 filename*1*=%20for%20;
 filename*2="2026.txt"

data
--p
Content-Type: text/plain; charset*=us-ascii'en'%48i
Content-Disposition: inline; filename*=iso-8859-1'de'F%FCr.txt

hello
--p--
""")

M['duplicate-subject'] = crlf("""From: a@example.com
Subject: first subject
To: b@example.com
Subject: second subject
Date: Thu, 26 Nov 2026 00:00:00 +0000

body
""")

M['groups'] = crlf("""From: Sender <sender@example.com>
To: Friends: alice@example.com, "Bob B." <bob@example.com>;, solo@example.com
Cc: undisclosed-recipients:;
Bcc: Empty Group:;, (comment only) other@example.com (trailing comment)
Reply-To: <@route1,@route2:routed@example.com>
Sender: "quoted \\"name\\"" <snd@example.com>
Subject: groups
Date: Fri, 27 Nov 2026 00:00:00 +0000

body
""")

M['garbage-addresses'] = crlf("""From: not an address at all
To: <>, @, user@, @host, "unterminated <x@y.z>
Cc: a@b@c, <missing.gt@example.com, plain@example.com (Name), ,,,
Subject: garbage addresses

body
""")

M['empty'] = b''

M['headers-only'] = crlf("""From: a@example.com
Subject: only headers
""")

M['headers-only-blank'] = crlf("""From: a@example.com
Subject: headers and blank line

""")

M['folded-headers'] = crlf("""From: a@example.com
Subject: a subject
 folded over
\tthree lines
Content-Type: text/plain;
  charset=utf-8;
  format=flowed
Message-ID:
 <folded@example.com>

body
""")

M['nul-bytes'] = lf("From: a@example.com\r\nSubject: nul\x00here\r\nContent-Type: text/plain\r\n\r\nbody with \x00 nul\r\n")

M['digest'] = crlf("""From: digest@example.com
Subject: digest
Content-Type: multipart/digest; boundary=d

--d

From: one@example.com
Subject: one

first message
--d
Content-Type: text/plain

not a message
--d--
""")

M['multipart-empty-parts'] = crlf("""From: a@example.com
Subject: empty parts
Content-Type: multipart/mixed; boundary=e

--e
--e

--e
Content-Type: text/plain
--e--
""")

M['no-parts'] = crlf("""From: a@example.com
Subject: multipart with no parts
Content-Type: multipart/mixed; boundary=n

preamble only, no boundaries at all
""")

M['weird-content-type'] = crlf("""From: a@example.com
Subject: weird content type
Content-Type: TEXT

x
""")

M['uppercase-type'] = crlf("""From: a@example.com
Subject: upper case
Content-Type: Text/HTML; Charset="UTF-8"; NAME=x
Content-Transfer-Encoding: QUOTED-PRINTABLE
Content-Disposition: ATTACHMENT

<b>x</b>
""")

M['quoted-chars'] = crlf("""From: "Back\\\\slash \\"Q\\"" <bs@example.com>
Subject: a "quoted" \\ subject
Message-ID: <with"quote@example.com>

body
""")

M['nested-rfc822-plain'] = crlf("""From: a@example.com
Subject: top-level message/rfc822
Content-Type: message/rfc822

From: inner@example.com
Subject: inner

inner body
""")

M['long-line'] = crlf("From: a@example.com\nSubject: long line\nContent-Type: text/plain\n\n" + ("x" * 70000) + "\nend\n")

M['boundary-prefix'] = crlf("""From: a@example.com
Subject: boundary prefixes
Content-Type: multipart/mixed; boundary=ab

--ab
Content-Type: multipart/mixed; boundary=abc

--abc
Content-Type: text/plain

inner
--abc--
--ab trailing garbage after boundary
Content-Type: text/plain

second
--ab--
""")

M['blank-then-boundary'] = crlf("""From: a@example.com
Subject: header, blank line, boundary
Content-Type: multipart/mixed; boundary=e

--e
Content-Type: text/plain

--e
Content-Type: text/plain


--e--
""")

M['epilogue-then-outer'] = crlf("""From: a@example.com
Subject: epilogue before outer boundary
Content-Type: multipart/mixed; boundary=o

--o
Content-Type: multipart/alternative; boundary=i

--i
Content-Type: text/plain

x
--i--
epilogue line
--o
Content-Type: text/plain

y
--o--
""")

M['duplicate-mime-fields'] = crlf("""From: a@example.com
Subject: duplicate MIME fields
Content-Type: text/html; charset=utf-8
Content-Type: text/plain; charset=iso-8859-1
Content-Language: fr
Content-Transfer-Encoding: base64
Content-Transfer-Encoding: 8bit
Content-Disposition: inline
Content-Disposition: attachment; filename=x

eA==
""")

M['rfc822-base64'] = crlf("""From: a@example.com
Subject: message/rfc822 in base64
Content-Type: multipart/mixed; boundary=q

--q
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

RnJvbTogeEB5LnoKU3ViamVjdDogaW5uZXIKCmJvZHkK
--q--
""")

M['type-without-subtype-params'] = crlf("""From: a@example.com
Subject: a type without subtype but with parameters
Content-Type: text; charset=us-ascii

x
""")

M['uppercase-message-rfc822'] = crlf("""From: a@example.com
Subject: MESSAGE/RFC822 in upper case
Content-Type: multipart/mixed; boundary=u

--u
Content-type: MESSAGE/RFC822

From: inner@example.com
Subject: inner

inner body
--u
Content-type: message/DELIVERY-STATUS

Reporting-MTA: dns; example.com
--u--
""")

for name, data in M.items():
    with open(os.path.join(here, name + '.eml'), 'wb') as f:
        f.write(data)
print(len(M), 'messages')

# edge-*.eml (targeted experiments) and fuzz-*.eml (mutations of the messages above that once made Loft and
# Dovecot disagree) are kept as files, each with the answers Dovecot 2.3.19 gave for it.
