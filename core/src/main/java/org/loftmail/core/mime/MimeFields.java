package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MIME fields of one part, parsed leniently, as byte strings. {@code type}/{@code subtype} are the effective
 * ones (the default applies when Content-Type is missing or has no type); optional fields are null when absent.
 */
public record MimeFields(String type, String subtype, List<MimeParam> params, String id, String description,
                         String encoding, String md5, Disposition disposition, List<String> language,
                         String location) {

    public MimeFields {
        if (type == null || subtype == null || encoding == null) {
            throw new IllegalArgumentException("type, subtype and encoding are required");
        }
        params = List.copyOf(params);
        language = language == null ? null : List.copyOf(language);
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    public boolean isText() {
        return type.equalsIgnoreCase("text");
    }

    public boolean isMessageRfc822() {
        return type.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822");
    }

    public String param(String name) {
        return MimeParams.get(params, name);
    }

    /** The boundary parameter of a multipart, or null. An empty one counts (every "--" line matches it), as in Dovecot. */
    public String boundary() {
        return param("boundary");
    }

    /** The encoding in lower case, for choosing a decoder. */
    public String encodingLower() {
        return encoding.toLowerCase(Locale.ROOT);
    }

    /** The MIME fields of a header that is not inside a multipart (see {@link #of(MimeHeader, boolean, boolean)}). */
    public static MimeFields of(MimeHeader header) {
        return of(header, false, false);
    }

    /**
     * Reads the MIME fields of a header. {@code digestChild} makes message/rfc822 the default type. As in Dovecot,
     * the Content-* fields count only in a MIME entity: a part of a multipart, or a header with MIME-Version or
     * Content-Type; elsewhere the defaults apply. A Content-Type that does not parse (no type, an empty subtype
     * after "/", garbage after the subtype) gives the empty type "" "" with no parameters.
     */
    public static MimeFields of(MimeHeader header, boolean digestChild, boolean inMultipart) {
        String type = digestChild ? "message" : "text";
        String subtype = digestChild ? "rfc822" : "plain";
        boolean mime = inMultipart || header.first("MIME-Version").isPresent()
                || header.first("Content-Type").isPresent();
        if (!mime) {
            return new MimeFields(type, subtype, List.of(), null, null, "7bit", null, null, null, null);
        }
        List<MimeParam> params = List.of();
        String ct = header.firstValue("Content-Type");
        if (ct != null) {
            Rfc822Lexer lx = new Rfc822Lexer(ct);
            lx.skipCfws();
            String t = lx.token();
            String st = "";
            boolean valid = !t.isEmpty();
            lx.skipCfws();
            if (valid && lx.peek() == '/') {
                lx.skip();
                lx.skipCfws();
                st = lx.token();
                valid = !st.isEmpty();
                lx.skipCfws();
                valid &= lx.atEnd() || lx.peek() == ';';
            } else {
                valid &= lx.atEnd(); // "TEXT" alone passes, "text; charset=x" does not
            }
            valid &= !lx.sawUnterminatedComment();
            if (valid && st.isEmpty() && t.equalsIgnoreCase("multipart")) {
                type = "application"; // Dovecot: a bare "multipart" is described as application/octet-stream
                subtype = "octet-stream";
            } else if (valid) {
                type = t;
                subtype = st;
                params = MimeParams.parse(lx);
            } else {
                type = "";
                subtype = "";
            }
        }
        String encoding = "7bit";
        for (HeaderField f : header.all("Content-Transfer-Encoding")) {
            // the first one that parses counts
            Rfc822Lexer lx = new Rfc822Lexer(f.value());
            lx.skipCfws();
            String t = lx.token();
            lx.skipCfws();
            if (!t.isEmpty() && lx.atEnd() && !lx.sawUnterminatedComment()) {
                encoding = t;
                break;
            }
        }
        // Dovecot: the last Content-Disposition gives the type, the first one with parameters the parameters
        Disposition disposition = null;
        List<MimeParam> dispositionParams = List.of();
        for (HeaderField f : header.all("Content-Disposition")) {
            Rfc822Lexer lx = new Rfc822Lexer(f.value());
            lx.skipCfws();
            String t = lx.token();
            List<MimeParam> p = MimeParams.parse(lx);
            if (dispositionParams.isEmpty()) {
                dispositionParams = p;
            }
            disposition = new Disposition(t, dispositionParams);
        }
        return new MimeFields(type, subtype, params, lastValue(header, "Content-ID"),
                lastValue(header, "Content-Description"), encoding, lastValue(header, "Content-MD5"), disposition,
                language(lastValue(header, "Content-Language")), lastValue(header, "Content-Location"));
    }

    private static List<String> language(String value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Rfc822Lexer lx = new Rfc822Lexer(value);
        while (true) {
            lx.skipCfws();
            String tag = lx.token();
            if (tag.isEmpty()) {
                break;
            }
            out.add(tag);
            lx.skipCfws();
            if (lx.peek() != ',') {
                break;
            }
            lx.skip();
        }
        return out.isEmpty() ? null : out;
    }

    /** Dovecot keeps the first Content-Type, the first valid Content-Transfer-Encoding, the last of the others. */
    private static String lastValue(MimeHeader header, String name) {
        return header.last(name).map(HeaderField::value).orElse(null);
    }
}
