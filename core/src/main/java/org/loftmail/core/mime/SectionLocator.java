package org.loftmail.core.mime;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds where an IMAP BODY[section] (RFC 3501 section 6.4.5) lies in the raw file, resolving part numbers as
 * Dovecot 2.3 does: "" is the whole message, HEADER and TEXT its header and body; each number picks a child of a
 * multipart, while a non-multipart entity only has part 1 (itself) and nothing below it unless it is
 * message/rfc822, whose deeper numbers, HEADER and TEXT address the message it carries. "….MIME" is the part's
 * own header. Empty when the section does not exist (Dovecot then answers an empty string).
 * HEADER.FIELDS and HEADER.FIELDS.NOT resolve to the HEADER span; filtering the fields is the caller's job.
 */
public final class SectionLocator {
    private SectionLocator() {}

    public static Optional<Span> locate(MessageSummary message, String section) {
        String s = section.trim().toUpperCase(Locale.ROOT);
        BodyPart part = message.root();
        boolean numbered = false;
        boolean carried = false; // part is the root of a message carried by a message/rfc822 part
        int i = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            int j = i;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
            if (j - i > 9) {
                return Optional.empty();
            }
            int n = Integer.parseInt(s.substring(i, j));
            if (j < s.length()) {
                if (s.charAt(j) != '.' || j + 1 == s.length()) {
                    return Optional.empty();
                }
                j++;
            }
            i = j;
            String rest = s.substring(i);
            boolean moreNumbers = !rest.isEmpty() && isDigit(rest.charAt(0));
            numbered = true;
            carried = false;
            if (part.isMultipart()) {
                if (n < 1 || n > part.children().size()) {
                    return Optional.empty();
                }
                part = part.children().get(n - 1);
            } else if (n != 1 || (moreNumbers && part.message() == null)) {
                return Optional.empty();
            }
            if (part.message() != null && (moreNumbers || rest.startsWith("HEADER") || rest.startsWith("TEXT"))) {
                part = part.message().root();
                carried = true;
            }
        }
        String rest = s.substring(i);
        if (!numbered) {
            return switch (rest) {
                case "" -> Optional.of(whole(part));
                case "TEXT" -> Optional.of(part.body());
                default -> isHeaderSection(rest) ? Optional.of(part.header()) : Optional.empty();
            };
        }
        if (rest.isEmpty()) {
            return Optional.of(part.body());
        }
        if (rest.equals("MIME")) {
            return carried ? Optional.empty() : Optional.of(part.header());
        }
        if (!carried) {
            return Optional.empty();
        }
        if (rest.equals("TEXT")) {
            return Optional.of(part.body());
        }
        return isHeaderSection(rest) ? Optional.of(part.header()) : Optional.empty();
    }

    private static boolean isHeaderSection(String rest) {
        return rest.equals("HEADER") || rest.startsWith("HEADER.FIELDS");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static Span whole(BodyPart p) {
        Span h = p.header();
        Span b = p.body();
        return new Span(h.offset(), h.rawSize() + b.rawSize(), h.size() + b.size(), h.lines() + b.lines());
    }
}
