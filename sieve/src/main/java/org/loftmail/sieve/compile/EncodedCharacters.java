package org.loftmail.sieve.compile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * RFC 5228 section 2.4.2.4 (encoded-character): {@code ${hex: 41 42}} and {@code ${unicode: 263A}} inside strings
 * become the characters they name, once at compile time. A sequence that does not parse stays as written.
 */
final class EncodedCharacters {

    private EncodedCharacters() {}

    static String decode(String s) {
        if (!s.contains("${")) return s;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) break;
            out.append(s, i, start);
            int end = s.indexOf('}', start);
            String decoded = end < 0 ? null : one(s.substring(start + 2, end));
            if (decoded == null) {
                out.append("${");
                i = start + 2;
            } else {
                out.append(decoded);
                i = end + 1;
            }
        }
        return out.append(s.substring(i)).toString();
    }

    private static String one(String body) {
        int colon = body.indexOf(':');
        if (colon < 0) return null;
        String kind = body.substring(0, colon).toLowerCase(Locale.ROOT);
        String[] items = body.substring(colon + 1).trim().split("[ \\t\\r\\n]+");
        if (items.length == 1 && items[0].isEmpty()) return null; // "${hex:}" stays as written
        try {
            if (kind.equals("hex")) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (String item : items) {
                    if (item.isEmpty() || item.length() > 2 || !item.matches("[0-9A-Fa-f]+")) return null;
                    bytes.write(Integer.parseInt(item, 16));
                }
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (kind.equals("unicode")) {
                StringBuilder b = new StringBuilder();
                for (String item : items) {
                    if (item.isEmpty() || item.length() > 8 || !item.matches("[0-9A-Fa-f]+")) return null;
                    int cp = Integer.parseInt(item, 16);
                    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
                    b.appendCodePoint(cp);
                }
                return b.toString();
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
