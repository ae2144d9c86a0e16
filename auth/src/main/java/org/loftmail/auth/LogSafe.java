package org.loftmail.auth;

/** Makes client-supplied text safe for a log line: no control characters, bounded length. */
public final class LogSafe {
    private static final int MAX = 200;

    private LogSafe() {}

    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX + 3));
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            b.append(c < 32 || c == 127 ? '?' : c);
        }
        if (s.length() > MAX) {
            b.append("...");
        }
        return b.toString();
    }
}
