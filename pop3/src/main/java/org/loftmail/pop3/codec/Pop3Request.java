package org.loftmail.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One client line split as Dovecot splits it (RFC 1939 section 3): the keyword up to the first space, upper-cased,
 * and everything after that space as the argument text (possibly empty). Bytes are read as ISO-8859-1 so no input
 * can fail to decode; arguments are checked by each command.
 */
public record Pop3Request(String keyword, String args) {

    public Pop3Request {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(args, "args");
    }

    public static Pop3Request parse(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        String keyword = space < 0 ? text : text.substring(0, space);
        String args = space < 0 ? "" : text.substring(space + 1);
        return new Pop3Request(keyword.toUpperCase(Locale.ROOT), args);
    }

    /** Whether the keyword looks like a command at all (for the "Unknown command: X" echo). */
    public boolean keywordIsPrintable() {
        return !keyword.isEmpty() && keyword.chars().allMatch(c -> c > 0x20 && c < 0x7f) && keyword.length() <= 40;
    }
}
