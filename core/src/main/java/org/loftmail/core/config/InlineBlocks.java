package org.loftmail.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loft's one extension to Dovecot's syntax: a block written on one line, as configuration snippets
 * are often quoted in prose — {@code service imap-login { inet_listener imaps { port = 993  ssl = yes } }}.
 * Dovecot rejects such a line ("Garbage after '{'"); Loft reads it as the equivalent multi-line block.
 * A brace counts only when it stands alone between spaces (so {@code %{user}} in a value is untouched),
 * and settings inside are separated where a new {@code name =} begins (see {@link #NEXT_SETTING}).
 */
final class InlineBlocks {

    /**
     * Where the next setting starts: two or more spaces before {@code name =}, or one space before
     * {@code name = } written with spaces (so {@code args = uid=vmail gid=vmail} stays one value).
     */
    private static final Pattern NEXT_SETTING = Pattern.compile(
            "(?:\\s{2,}(?=[A-Za-z_][A-Za-z0-9_]*\\s*=)|\\s+(?=[A-Za-z_][A-Za-z0-9_]*\\s+=\\s))");

    private InlineBlocks() {}

    /** The logical lines of a one-line block, or null when the line is not one. */
    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
                continue;
            }
            boolean alone = (i == 0 || Character.isWhitespace(line.charAt(i - 1)))
                    && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)));
            if ((c == '{' || c == '}') && alone) {
                if (c == '{') {
                    if (cur.toString().isBlank() || cur.toString().contains("=")) {
                        return null; // "{" must follow a section header
                    }
                    tokens.add(cur.toString().strip() + " {");
                } else {
                    addSettings(cur.toString(), tokens);
                    tokens.add("}");
                }
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            if (cur.toString().contains("=")) {
                addSettings(cur.toString(), tokens);
            } else {
                return null;
            }
        }
        return tokens.size() > 1 ? tokens : null;
    }

    private static void addSettings(String text, List<String> tokens) {
        String t = text.strip();
        if (t.isEmpty()) {
            return;
        }
        for (String setting : NEXT_SETTING.split(t)) {
            tokens.add(setting.strip());
        }
    }
}
