package org.loftmail.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders ENVELOPE and BODY/BODYSTRUCTURE in exact IMAP syntax, as Dovecot 2.3 renders them: NIL for absent
 * values, quoted strings with {@code \"} and {@code \\} escaped, literals for values holding CR, LF or 8-bit bytes,
 * and the "for humans" form for the subject and display names (runs of white space become one space, NUL becomes
 * U+FFFD; anything changed goes out as a literal).
 */
public final class ImapWriter {
    private static final byte[] EMPTY_MULTIPART_CHILD =
            "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuilder out = new ByteBuilder(256);

    private ImapWriter() {}

    public static byte[] envelope(Envelope e) {
        ImapWriter w = new ImapWriter();
        w.writeEnvelope(e);
        return w.out.toByteArray();
    }

    public static byte[] bodyStructure(BodyPart part, boolean extended) {
        ImapWriter w = new ImapWriter();
        w.writePart(part, extended);
        return w.out.toByteArray();
    }

    /** Renders a value the way ENVELOPE renders Date and Message-ID: NIL, a quoted string or a literal. */
    public static byte[] nstring(String byteString) {
        ImapWriter w = new ImapWriter();
        w.nstr(byteString);
        return w.out.toByteArray();
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private void writeEnvelope(Envelope e) {
        out.write('(');
        nstr(e.date());
        out.write(' ');
        if (e.subject() == null) {
            ascii("NIL");
        } else {
            forHumans(e.subject());
        }
        for (List<EnvelopeAddress> list : List.of(opt(e.from()), opt(e.sender()), opt(e.replyTo()), opt(e.to()),
                opt(e.cc()), opt(e.bcc()))) {
            out.write(' ');
            addresses(list);
        }
        out.write(' ');
        nstr(e.inReplyTo());
        out.write(' ');
        nstr(e.messageId());
        out.write(')');
    }

    private static final List<EnvelopeAddress> NONE = List.of();

    private static List<EnvelopeAddress> opt(List<EnvelopeAddress> l) {
        return l == null ? NONE : l;
    }

    private void addresses(List<EnvelopeAddress> list) {
        if (list == NONE || list.isEmpty()) {
            ascii("NIL");
            return;
        }
        out.write('(');
        for (EnvelopeAddress a : list) {
            out.write('(');
            if (a.name() == null) {
                ascii("NIL");
            } else {
                forHumans(a.name());
            }
            out.write(' ');
            nstr(noLf(a.route()));
            out.write(' ');
            nstr(noLf(a.mailbox()));
            out.write(' ');
            nstr(noLf(a.host()));
            out.write(')');
        }
        out.write(')');
    }

    private static String noLf(String s) {
        if (s == null || (s.indexOf('\r') < 0 && s.indexOf('\n') < 0)) {
            return s;
        }
        return s.replace("\r", "").replace("\n", "");
    }

    private void writePart(BodyPart p, boolean extended) {
        MimeFields f = p.fields();
        out.write('(');
        if (f.isMultipart()) {
            if (p.children().isEmpty()) {
                out.writeBytes(EMPTY_MULTIPART_CHILD);
                if (extended) {
                    ascii(" NIL NIL NIL NIL");
                }
                out.write(')');
            }
            for (BodyPart child : p.children()) {
                writePart(child, extended);
            }
            out.write(' ');
            str(f.subtype());
            if (extended) {
                out.write(' ');
                params(f.params(), false);
                extension(f);
            }
            out.write(')');
            return;
        }
        boolean text = f.isText();
        if (f.isMessageRfc822()) {
            ascii("\"message\" \"rfc822\""); // Dovecot writes this one in lower case whatever the header says
        } else {
            str(f.type());
            out.write(' ');
            str(f.subtype());
        }
        out.write(' ');
        params(f.params(), text);
        out.write(' ');
        nstr(f.id());
        out.write(' ');
        nstr(f.description());
        out.write(' ');
        str(f.encoding());
        out.write(' ');
        ascii(Long.toString(p.body().size()));
        if (text) {
            out.write(' ');
            ascii(Long.toString(p.body().lines()));
        } else if (p.message() != null) {
            out.write(' ');
            writeEnvelope(p.message().envelope());
            out.write(' ');
            writePart(p.message().root(), extended);
            out.write(' ');
            ascii(Long.toString(p.body().lines()));
        }
        if (extended) {
            out.write(' ');
            nstr(f.md5());
            extension(f);
        }
        out.write(')');
    }

    /** Disposition, language and location. */
    private void extension(MimeFields f) {
        out.write(' ');
        Disposition d = f.disposition();
        if (d == null) {
            ascii("NIL");
        } else {
            out.write('(');
            str(d.type());
            out.write(' ');
            params(d.params(), false);
            out.write(')');
        }
        out.write(' ');
        if (f.language() == null) {
            ascii("NIL");
        } else {
            out.write('(');
            boolean first = true;
            for (String lang : f.language()) {
                if (!first) {
                    out.write(' ');
                }
                first = false;
                str(lang);
            }
            out.write(')');
        }
        out.write(' ');
        nstr(f.location());
    }

    private void params(List<MimeParam> params, boolean defaultCharset) {
        if (params.isEmpty() && !defaultCharset) {
            ascii("NIL");
            return;
        }
        out.write('(');
        boolean seenCharset = false;
        boolean first = true;
        for (MimeParam p : params) {
            if (!first) {
                out.write(' ');
            }
            first = false;
            seenCharset |= p.name().equalsIgnoreCase("charset");
            str(p.name());
            out.write(' ');
            str(p.value());
        }
        if (defaultCharset && !seenCharset) {
            if (!first) {
                out.write(' ');
            }
            ascii("\"charset\" \"us-ascii\"");
        }
        out.write(')');
    }

    private void str(String s) {
        nstr(s == null ? "" : s);
    }

    /** NIL, a quoted string, or a literal when the value holds CR, LF, NUL or 8-bit bytes. */
    private void nstr(String s) {
        if (s == null) {
            ascii("NIL");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c >= 0x80) {
                literal(s);
                return;
            }
        }
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
            }
            out.write(c);
        }
        out.write('"');
    }

    private void literal(String s) {
        if (s.indexOf('\0') >= 0) {
            s = s.replace("\0", "\u00ef\u00bf\u00bd"); // never send NUL: U+FFFD, as Dovecot does
        }
        ascii("{" + s.length() + "}\r\n");
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Dovecot's imap_append_string_for_humans. */
    private void forHumans(String s) {
        boolean modify = false;
        boolean lastSpace = true;
        boolean allSpace = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                if (c != ' ' || lastSpace) {
                    modify = true;
                }
                lastSpace = true;
            } else {
                allSpace = false;
                lastSpace = false;
                if (c == '"' || c == '\\' || c == 0 || c >= 0x80) {
                    modify = true;
                }
            }
        }
        if (lastSpace && !s.isEmpty()) {
            modify = true;
        }
        if (!modify) {
            out.write('"');
            ascii(s);
            out.write('"');
            return;
        }
        if (allSpace) {
            ascii("\"\"");
            return;
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = !sb.isEmpty();
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                if (c == 0) {
                    sb.append("\u00ef\u00bf\u00bd");
                } else {
                    sb.append(c);
                }
            }
        }
        literal(sb.toString());
    }
}
