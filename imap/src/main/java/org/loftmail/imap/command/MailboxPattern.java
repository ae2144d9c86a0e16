package org.loftmail.imap.command;

import org.loftmail.core.text.WildcardMatcher;

/**
 * A LIST pattern (RFC 3501 section 6.3.8): reference and pattern joined, {@code *} matching anything and {@code %}
 * anything but the hierarchy separator. Matched against the names as they go on the wire (modified UTF-7, or
 * UTF-8 under IMAP4rev2); INBOX matches case-insensitively. Matching is {@link WildcardMatcher}'s, linear in the
 * pattern for each character of a name, never a regular expression (issue 20: a few {@code *a} froze the server).
 */
record MailboxPattern(WildcardMatcher matcher) {

    /**
     * The longest joined reference + pattern accepted, in characters: Dovecot's MAILBOX_LIST_NAME_MAX_LENGTH
     * (PATH_MAX). No mailbox name is longer, so a longer pattern is a probe, not a listing.
     */
    static final int MAX_LENGTH = 4096;

    /** A pattern beyond {@link #MAX_LENGTH}; LIST answers it with {@code NO [LIMIT]}. */
    static final class TooLongException extends IllegalArgumentException {
        TooLongException() {
            super("LIST pattern too long (at most " + MAX_LENGTH + " characters)");
        }
    }

    static MailboxPattern of(String reference, String pattern, char separator) {
        String full = reference.isEmpty() || pattern.startsWith(String.valueOf(separator)) && reference.endsWith(String.valueOf(separator))
                ? reference + (reference.isEmpty() ? pattern : pattern.substring(1))
                : reference + pattern;
        if (full.length() > MAX_LENGTH) throw new TooLongException();
        WildcardMatcher.Builder b = WildcardMatcher.builder();
        boolean inboxPrefix = full.length() >= 5 && full.substring(0, 5).equalsIgnoreCase("INBOX")
                && (full.length() == 5 || full.charAt(5) == separator || full.charAt(5) == '*' || full.charAt(5) == '%');
        int start = 0;
        if (inboxPrefix) {
            b.literals("INBOX", true);
            start = 5;
        }
        // by code point: under IMAP4rev2 patterns are UTF-8 and may hold characters outside the BMP
        for (int i = start; i < full.length(); ) {
            int c = full.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*') b.anyRun();
            else if (c == '%') b.runWithout(separator);
            else b.literal(c, false);
        }
        return new MailboxPattern(b.build());
    }

    /** Matches, counting the positions visited against the command's work budget (ADR 0802). */
    boolean matches(String wireName) {
        long[] steps = {0};
        boolean matched = matcher.matches(wireName, steps);
        org.loftmail.core.work.WorkBudget.spend(steps[0]);
        return matched;
    }
}
