package org.loftmail.imap.command;

import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 3501 section 6.3.8): reference and pattern joined, {@code *} matching anything and {@code %}
 * anything but the hierarchy separator. Matched against the names as they go on the wire (modified UTF-7, or
 * UTF-8 under IMAP4rev2); INBOX matches case-insensitively.
 */
record MailboxPattern(Pattern regex) {

    static MailboxPattern of(String reference, String pattern, char separator) {
        String full = reference.isEmpty() || pattern.startsWith(String.valueOf(separator)) && reference.endsWith(String.valueOf(separator))
                ? reference + (reference.isEmpty() ? pattern : pattern.substring(1))
                : reference + pattern;
        StringBuilder re = new StringBuilder();
        boolean inboxPrefix = full.length() >= 5 && full.substring(0, 5).equalsIgnoreCase("INBOX")
                && (full.length() == 5 || full.charAt(5) == separator || full.charAt(5) == '*' || full.charAt(5) == '%');
        int start = 0;
        if (inboxPrefix) {
            re.append("(?i:INBOX)");
            start = 5;
        }
        // by code point: under IMAP4rev2 patterns are UTF-8 and may hold characters outside the BMP
        for (int i = start; i < full.length(); ) {
            int c = full.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*') re.append(".*");
            else if (c == '%') re.append("[^").append(Pattern.quote(String.valueOf(separator))).append("]*");
            else re.append(Pattern.quote(Character.toString(c)));
        }
        return new MailboxPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String wireName) {
        return regex.matcher(wireName).matches();
    }
}
