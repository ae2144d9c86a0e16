package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of {@link MessageSummary} for the storage index: opaque bytes from which ENVELOPE,
 * BODY, BODYSTRUCTURE and section offsets are served without reopening the message. Variable-length integers,
 * byte strings stored as their raw bytes, a leading version byte. {@link #decode} rejects anything malformed
 * with {@link CorruptStructureException} (the index is a cache: re-parse the message then).
 */
public final class StructureCodec {
    static final int VERSION = 1;
    private static final int MAX_DEPTH = MimeParser.MAX_DEPTH * 2 + 4;

    private StructureCodec() {}

    /** Thrown when cached bytes cannot be decoded. */
    public static final class CorruptStructureException extends RuntimeException {
        CorruptStructureException(String message) {
            super(message);
        }
    }

    public static byte[] encode(MessageSummary summary) {
        Writer w = new Writer();
        w.out.write(VERSION);
        w.summary(summary);
        return w.out.toByteArray();
    }

    public static MessageSummary decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        int version = r.u8();
        if (version != VERSION) {
            throw new CorruptStructureException("unknown structure cache version " + version);
        }
        MessageSummary s = r.summary(0);
        if (r.pos != bytes.length) {
            throw new CorruptStructureException("trailing bytes in structure cache");
        }
        return s;
    }

    private static final class Writer {
        final ByteBuilder out = new ByteBuilder(512);

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void str(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            varint(s.length() + 1L);
            out.writeLatin1(s);
        }

        void summary(MessageSummary s) {
            envelope(s.envelope());
            part(s.root());
        }

        void envelope(Envelope e) {
            str(e.date());
            str(e.subject());
            addresses(e.from());
            boolean senderIsFrom = java.util.Objects.equals(e.sender(), e.from());
            addresses(senderIsFrom ? null : e.sender());
            out.write(senderIsFrom ? 1 : 0);
            boolean replyToIsFrom = java.util.Objects.equals(e.replyTo(), e.from());
            addresses(replyToIsFrom ? null : e.replyTo());
            out.write(replyToIsFrom ? 1 : 0);
            addresses(e.to());
            addresses(e.cc());
            addresses(e.bcc());
            str(e.inReplyTo());
            str(e.messageId());
        }

        void addresses(List<EnvelopeAddress> list) {
            if (list == null) {
                varint(0);
                return;
            }
            varint(list.size() + 1L);
            for (EnvelopeAddress a : list) {
                str(a.name());
                str(a.route());
                str(a.mailbox());
                str(a.host());
            }
        }

        void params(List<MimeParam> params) {
            varint(params.size());
            for (MimeParam p : params) {
                str(p.name());
                str(p.value());
            }
        }

        void span(Span s) {
            varint(s.offset());
            varint(s.rawSize());
            varint(s.size() - s.rawSize());
            varint(s.lines());
        }

        void part(BodyPart p) {
            MimeFields f = p.fields();
            str(f.type());
            str(f.subtype());
            params(f.params());
            str(f.id());
            str(f.description());
            str(f.encoding());
            str(f.md5());
            if (f.disposition() == null) {
                out.write(0);
            } else {
                out.write(1);
                str(f.disposition().type());
                params(f.disposition().params());
            }
            if (f.language() == null) {
                varint(0);
            } else {
                varint(f.language().size() + 1L);
                f.language().forEach(this::str);
            }
            str(f.location());
            span(p.header());
            span(p.body());
            varint(p.children().size());
            for (BodyPart c : p.children()) {
                part(c);
            }
            if (p.message() == null) {
                out.write(0);
            } else {
                out.write(1);
                summary(p.message());
            }
        }
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (pos >= b.length) {
                throw new CorruptStructureException("structure cache truncated");
            }
            return b[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int c = u8();
                v |= (long) (c & 0x7F) << shift;
                if ((c & 0x80) == 0) {
                    if (v < 0) {
                        throw new CorruptStructureException("negative number in structure cache");
                    }
                    return v;
                }
            }
            throw new CorruptStructureException("bad number in structure cache");
        }

        int count() {
            long n = varint();
            if (n > b.length - pos + 1L) {
                throw new CorruptStructureException("impossible count in structure cache");
            }
            return (int) n;
        }

        String str() {
            int n = count();
            if (n == 0) {
                return null;
            }
            n--;
            if (n > b.length - pos) {
                throw new CorruptStructureException("string runs past the structure cache");
            }
            String s = ByteStrings.of(b, pos, n);
            pos += n;
            return s;
        }

        String required() {
            String s = str();
            if (s == null) {
                throw new CorruptStructureException("missing value in structure cache");
            }
            return s;
        }

        boolean flag() {
            int f = u8();
            if (f > 1) {
                throw new CorruptStructureException("bad flag in structure cache");
            }
            return f == 1;
        }

        MessageSummary summary(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CorruptStructureException("structure cache nested too deep");
            }
            Envelope e = envelope();
            return new MessageSummary(e, part(depth + 1));
        }

        Envelope envelope() {
            String date = str();
            String subject = str();
            List<EnvelopeAddress> from = addresses();
            List<EnvelopeAddress> sender = addresses();
            if (flag()) {
                sender = from;
            }
            List<EnvelopeAddress> replyTo = addresses();
            if (flag()) {
                replyTo = from;
            }
            return new Envelope(date, subject, from, sender, replyTo, addresses(), addresses(), addresses(), str(),
                    str());
        }

        List<EnvelopeAddress> addresses() {
            int n = count();
            if (n == 0) {
                return null;
            }
            List<EnvelopeAddress> list = new ArrayList<>(Math.min(n - 1, 1024));
            for (int i = 0; i < n - 1; i++) {
                list.add(new EnvelopeAddress(str(), str(), str(), str()));
            }
            return list;
        }

        List<MimeParam> params() {
            int n = count();
            List<MimeParam> list = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                list.add(new MimeParam(required(), required()));
            }
            return list;
        }

        Span span() {
            long offset = varint();
            long raw = varint();
            long bare = varint();
            long lines = varint();
            try {
                return new Span(offset, raw, raw + bare, lines);
            } catch (IllegalArgumentException e) {
                throw new CorruptStructureException("bad span in structure cache");
            }
        }

        BodyPart part(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CorruptStructureException("structure cache nested too deep");
            }
            String type = required();
            String subtype = required();
            List<MimeParam> params = params();
            String id = str();
            String description = str();
            String encoding = required();
            String md5 = str();
            Disposition disposition = flag() ? new Disposition(required(), params()) : null;
            List<String> language = null;
            int nl = count();
            if (nl > 0) {
                language = new ArrayList<>();
                for (int i = 0; i < nl - 1; i++) {
                    language.add(required());
                }
            }
            String location = str();
            MimeFields fields = new MimeFields(type, subtype, params, id, description, encoding, md5, disposition,
                    language, location);
            Span header = span();
            Span body = span();
            int nc = count();
            List<BodyPart> children = new ArrayList<>(Math.min(nc, 1024));
            for (int i = 0; i < nc; i++) {
                children.add(part(depth + 1));
            }
            MessageSummary message = flag() ? summary(depth + 1) : null;
            return new BodyPart(fields, header, body, children, message);
        }
    }
}
