package org.loftmail.admin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Hides secrets in configuration output, as Dovecot 2.3's doveconf does unless given {@code -P}: a setting named
 * {@code *_password} or {@code *_api_key}, or {@code ssl_key*}/{@code ssl_dh*}, prints as
 * {@code # hidden, use -P to show it}; inside any other value, a word starting with {@code key}, {@code secret} or
 * {@code pass} followed by {@code =} keeps its name and loses its value ({@code connect = host=db
 * password=#hidden_use-P_to_show# dbname=mail}). A {@code #} starts a comment in the language, so masked output
 * read back as configuration leaves those settings empty rather than carrying a placeholder as a password.
 */
final class SecretMask {

    static final String HIDDEN = "# hidden, use -P to show it";
    static final String HIDDEN_INLINE = "#hidden_use-P_to_show#";
    private static final List<String> SECRET_WORDS = List.of("key", "secret", "pass");

    private SecretMask() {}

    /** Every {@code name = value} line of configuration text, masked; other lines as they are. */
    static String text(String config) {
        return config.lines().map(SecretMask::line).collect(Collectors.joining("\n", "", config.endsWith("\n") ? "\n" : ""));
    }

    static String line(String line) {
        int eq = line.indexOf(" = ");
        if (eq <= 0) return line;
        String key = line.substring(0, eq).strip();
        if (key.isEmpty() || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == '{' || c == '#')) return line;
        String value = line.substring(eq + 3);
        return line.substring(0, eq + 3) + value(key, value);
    }

    /** The value as shown for setting {@code key}. */
    static String value(String key, String value) {
        if (value.isEmpty()) return value;
        if (key.endsWith("_password") || key.endsWith("_api_key") || key.startsWith("ssl_key") || key.startsWith("ssl_dh")) {
            return HIDDEN;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int word = nextSecretWord(value, i);
            if (word < 0) break;
            int end = word;
            while (end < value.length() && value.charAt(end) != '=' && !Character.isWhitespace(value.charAt(end))) end++;
            out.append(value, i, end);
            i = end;
            if (end < value.length() && value.charAt(end) == '=') {
                out.append('=').append(HIDDEN_INLINE);
                i = end + 1;
                while (i < value.length() && !Character.isWhitespace(value.charAt(i)) && value.charAt(i) != ';'
                        && value.charAt(i) != ':' && value.charAt(i) != '"') i++;
            }
        }
        return out.append(value, i, value.length()).toString();
    }

    /** Where the next secret word starts at a word boundary ("nopassword" is not one), or -1. */
    private static int nextSecretWord(String value, int from) {
        int best = -1;
        for (String w : SECRET_WORDS) {
            for (int at = value.indexOf(w, from); at >= 0; at = value.indexOf(w, at + 1)) {
                if (at == 0 || !Character.isLetterOrDigit(value.charAt(at - 1))) {
                    if (best < 0 || at < best) best = at;
                    break;
                }
            }
        }
        return best;
    }
}
