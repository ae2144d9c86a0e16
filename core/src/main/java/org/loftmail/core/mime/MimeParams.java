package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses the {@code ; name=value} list after a MIME value, merging RFC 2231 continuations the way Dovecot does:
 * plain parameters keep their order; {@code name*0}, {@code name*1}… are joined into {@code name} (or into
 * {@code name*}, still percent-encoded with its {@code charset'language'} prefix, when the first piece is extended),
 * and follow the plain ones sorted by name. A broken run (a missing index) is passed on piece by piece.
 * Garbage after a value, or a name without {@code =}, is skipped up to the next {@code ;}; an empty parameter
 * ({@code ;;}) ends the list.
 */
public final class MimeParams {
    private MimeParams() {}

    private record Piece(String key, int index, boolean extended, String value, int order) {}

    static List<MimeParam> parse(Rfc822Lexer lx) {
        List<MimeParam> plain = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        while (true) {
            lx.skipCfws();
            if (lx.atEnd()) {
                break;
            }
            if (lx.peek() != ';') {
                // garbage after a value: Dovecot skips to the next parameter
                while (!lx.atEnd() && lx.peek() != ';') {
                    lx.skip();
                }
                continue;
            }
            lx.skip();
            lx.skipCfws();
            String key = lx.token();
            lx.skipCfws();
            if (lx.peek() != '=') {
                if (key.isEmpty()) {
                    break; // ";;" or a trailing ";": the list ends here
                }
                continue; // a name without "=": skip to the next ";"
            }
            lx.skip();
            lx.skipCfws();
            String value;
            if (lx.peek() == '"') {
                value = lx.quotedString();
                if (value == null) {
                    break;
                }
            } else {
                value = lx.token();
            }
            Piece piece = rfc2231Piece(key, value, pieces.size());
            if (piece == null) {
                plain.add(new MimeParam(key, value));
            } else {
                pieces.add(piece);
            }
        }
        if (!pieces.isEmpty()) {
            mergeContinuations(pieces, plain);
        }
        return List.copyOf(plain);
    }

    /** {@code key*}, {@code key*N}, {@code key*N*} become pieces; anything else is a plain parameter. */
    private static Piece rfc2231Piece(String name, String value, int order) {
        int star = name.indexOf('*');
        if (star < 0) {
            return null;
        }
        int p = star + 1;
        int index = 0;
        boolean digits = false;
        while (p < name.length() && name.charAt(p) >= '0' && name.charAt(p) <= '9') {
            index = index * 10 + (name.charAt(p) - '0');
            digits = true;
            p++;
            if (index > 100_000) {
                return null;
            }
        }
        boolean extended = !digits; // "name*" is piece 0, extended
        if (digits && p < name.length() && name.charAt(p) == '*') {
            extended = true;
            p++;
        }
        if (p != name.length()) {
            return null;
        }
        return new Piece(name.substring(0, star), index, extended, value, order);
    }

    private static void mergeContinuations(List<Piece> pieces, List<MimeParam> out) {
        pieces.sort(Comparator.comparing((Piece x) -> x.key().toLowerCase(java.util.Locale.ROOT))
                .thenComparingInt(Piece::index).thenComparingInt(Piece::order));
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            String key = pieces.get(i).key();
            while (j < pieces.size() && pieces.get(j).key().equalsIgnoreCase(key)) {
                j++;
            }
            boolean complete = true;
            for (int k = i; k < j; k++) {
                if (pieces.get(k).index() != k - i) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                StringBuilder value = new StringBuilder();
                for (int k = i; k < j; k++) {
                    value.append(pieces.get(k).value());
                }
                out.add(new MimeParam(key + (pieces.get(i).extended() ? "*" : ""), value.toString()));
            } else {
                for (int k = i; k < j; k++) {
                    Piece piece = pieces.get(k);
                    out.add(new MimeParam(piece.key() + "*" + piece.index() + (piece.extended() ? "*" : ""), piece.value()));
                }
            }
            i = j;
        }
    }

    /**
     * The value of a parameter as Unicode text: {@code name*} (RFC 2231, {@code charset'language'%XX…}) is
     * preferred over {@code name}; a plain value has its encoded-words decoded (as many mailers write them).
     * Null when neither is there.
     */
    public static String decoded(List<MimeParam> params, String name) {
        String extended = get(params, name + "*");
        if (extended != null) {
            String v = rfc2231Value(extended);
            if (v != null) {
                return v;
            }
        }
        String plain = get(params, name);
        return plain == null ? null : EncodedWords.decode(plain);
    }

    /** Decodes {@code charset'language'percent-encoded}; null if the charset is unknown. */
    static String rfc2231Value(String value) {
        int q1 = value.indexOf('\'');
        int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
        java.nio.charset.Charset cs;
        String text;
        if (q2 < 0) {
            cs = java.nio.charset.StandardCharsets.US_ASCII;
            text = value;
        } else {
            String charset = value.substring(0, q1);
            cs = charset.isEmpty() ? java.nio.charset.StandardCharsets.US_ASCII : Charsets.lookup(charset);
            text = value.substring(q2 + 1);
        }
        if (cs == null) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() + 0 && EncodedWords.hex(text.charAt(i + 1)) >= 0
                    && EncodedWords.hex(text.charAt(i + 2)) >= 0) {
                out.write(EncodedWords.hex(text.charAt(i + 1)) * 16 + EncodedWords.hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return new String(out.toByteArray(), cs);
    }

    /** The value of the first parameter of that name (case-insensitive), or null. */
    public static String get(List<MimeParam> params, String name) {
        for (MimeParam p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }
}
