package org.loftmail.auth.socket;

/**
 * Dovecot's tab-escaping for auth protocol values: byte 0x01 followed by '0' (NUL), '1' (0x01),
 * 't' (TAB), 'r' (CR) or 'n' (LF). On decode, 0x01 followed by any other character is that
 * character.
 */
public final class TabEscape {
    private TabEscape() {}

    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\0' -> "\u00010";
                case '\u0001' -> "\u00011";
                case '\t' -> "\u0001t";
                case '\r' -> "\u0001r";
                case '\n' -> "\u0001n";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    public static String unescape(String s) {
        if (s.indexOf('\u0001') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\u0001' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case '0' -> '\0';
                case '1' -> '\u0001';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> n;
            });
        }
        return b.toString();
    }
}
