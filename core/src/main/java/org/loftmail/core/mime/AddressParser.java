package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an RFC 5322 address list (display names, quoted strings, comments, groups, obsolete routes) into
 * ENVELOPE addresses the way Dovecot 2.3 does for IMAP: a missing local part or domain is filled in as
 * {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN}, a name may come from a trailing comment
 * ({@code user@host (Name)}), words that are not an address become a display name, and parsing stops at the
 * first garbage between addresses, keeping what was parsed before it. Never throws.
 */
public final class AddressParser {
    public static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    public static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    public static final int MAX_ADDRESSES = 10_000;

    private final Rfc822Lexer lx;
    private final List<EnvelopeAddress> out = new ArrayList<>();
    private String lastComment;

    private String name;
    private String route;
    private String mailbox;
    private String domain;

    private AddressParser(String value) {
        this.lx = new Rfc822Lexer(value);
    }

    /** Parses a header value (a byte string); returns an empty list for an empty value. */
    public static List<EnvelopeAddress> parse(String value) {
        AddressParser p = new AddressParser(value);
        p.addressList();
        return List.copyOf(p.out);
    }

    private void skip() {
        String c = lx.skipCfws();
        if (c != null && !lx.sawUnterminatedComment()) {
            lastComment = c;
        }
    }

    private void addressList() {
        skip();
        int count = 0;
        while (!lx.atEnd() && count++ < MAX_ADDRESSES) {
            if (lx.peek() == ',') {
                // an empty list element (obs-addr-list) still counts, as in Dovecot
                out.add(new EnvelopeAddress(null, null, MISSING_MAILBOX, MISSING_DOMAIN));
                lx.skip();
                skip();
                continue;
            }
            address();
            if (lx.peek() != ',') {
                break;
            }
            lx.skip();
            skip();
        }
    }

    private void address() {
        int start = lx.position();
        if (!group()) {
            lx.reset(start);
            mailbox();
        }
    }

    /** A group, or false (with nothing added) if this is not one. */
    private boolean group() {
        String phrase = phrase();
        if (lx.peek() != ':') {
            return false;
        }
        lx.skip();
        out.add(EnvelopeAddress.groupStart(phrase == null ? "" : phrase));
        skip();
        while (!lx.atEnd() && lx.peek() != ';') {
            if (lx.peek() == ',') {
                lx.skip();
                skip();
                continue;
            }
            int before = lx.position();
            mailbox();
            if (lx.peek() == ',') {
                lx.skip();
                skip();
            } else if (lx.position() == before || lx.peek() != ';') {
                break;
            }
        }
        if (lx.peek() == ';') {
            lx.skip();
            skip();
        }
        out.add(EnvelopeAddress.GROUP_END);
        return true;
    }

    private void mailbox() {
        name = route = mailbox = domain = null;
        int start = lx.position();
        if (!nameAddr()) {
            lx.reset(start);
            name = route = mailbox = domain = null;
            addrSpec();
        }
        if (mailbox == null || mailbox.isEmpty()) {
            mailbox = MISSING_MAILBOX;
        }
        if (domain == null || domain.isEmpty()) {
            domain = MISSING_DOMAIN;
        }
        out.add(new EnvelopeAddress(name, route, mailbox, domain));
    }

    /** {@code [phrase] <addr>}; false if there is no '<' after the phrase. */
    private boolean nameAddr() {
        String phrase = phrase();
        if (lx.peek() != '<') {
            if (phrase != null && phraseWords > 1) {
                // several words and no address: Dovecot keeps them as a display name
                name = phrase;
                return true;
            }
            return false;
        }
        name = phrase == null || phrase.isEmpty() ? null : phrase;
        angleAddr();
        return true;
    }

    private void angleAddr() {
        lx.skip(); // '<'
        skip();
        if (lx.peek() == '@') {
            route = domainList();
            if (lx.peek() == ':') {
                lx.skip();
            } else {
                route = "INVALID_ROUTE";
            }
            skip();
        }
        if (lx.peek() != '>') {
            mailbox = localPart();
            if (lx.peek() == '@') {
                domain = domain();
            }
        }
        if (lx.peek() == '>') {
            lx.skip();
            skip();
        } else {
            domain = "SYNTAX_ERROR";
        }
    }

    private String domainList() {
        StringBuilder sb = new StringBuilder();
        while (lx.peek() == '@') {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            String d = domain();
            sb.append('@').append(d == null ? "" : d);
            while (lx.peek() == ',') {
                lx.skip();
                skip();
            }
        }
        return sb.toString();
    }

    private void addrSpec() {
        lastComment = null;
        mailbox = localPart();
        if (lx.peek() == '@') {
            domain = domain();
        }
        if (lastComment != null && !lastComment.isEmpty()) {
            name = lastComment;
        }
    }

    /** dot-atom or quoted-string (obs-local-part allowed); null if none. */
    private String localPart() {
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        while (true) {
            if (lx.peek() == '"') {
                String q = lx.quotedString();
                if (q == null) {
                    return null;
                }
                sb.append(q);
                any = true;
            } else {
                String a = atomsAndDots();
                if (a.isEmpty()) {
                    break;
                }
                sb.append(a);
                any = true;
            }
            skip();
            if (lx.peek() != '.') {
                break;
            }
            lx.skip();
            sb.append('.');
            skip();
        }
        return any ? sb.toString() : null;
    }

    /** A run of atext and dots (Dovecot accepts ".a", "a." and "a..b" as local parts). */
    private String atomsAndDots() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String a = lx.atom();
            sb.append(a);
            if (lx.peek() == '.') {
                lx.skip();
                sb.append('.');
            } else {
                return sb.toString();
            }
        }
    }

    /**
     * At '@': the domain after it, a dot-atom or a domain literal, or null when it is broken (a missing label, an
     * unterminated literal or comment). The position stays where it broke, so the list goes on only if a comma
     * follows there, as in Dovecot.
     */
    private String domain() {
        lx.skip(); // '@'
        skip();
        StringBuilder sb = new StringBuilder();
        if (lx.peek() == '[') {
            int start = lx.position();
            while (!lx.atEnd() && lx.peek() != ']') {
                if (lx.peek() == '\\') {
                    lx.skip();
                }
                lx.skip();
            }
            if (lx.peek() != ']') {
                return null;
            }
            lx.skip();
            sb.append(lx.substring(start, lx.position()).replace("\r", "").replace("\n", ""));
            skip();
            return lx.sawUnterminatedComment() ? null : sb.toString();
        }
        while (true) {
            String a = lx.atom();
            if (a.isEmpty()) {
                return null;
            }
            sb.append(a);
            skip();
            if (lx.sawUnterminatedComment()) {
                return null;
            }
            if (lx.peek() != '.') {
                return sb.toString();
            }
            lx.skip();
            sb.append('.');
            skip();
        }
    }

    /** How many words the last {@link #phrase()} had. */
    private int phraseWords;

    /** Words (atoms, quoted strings, dots) joined by single spaces; null if there is no word. */
    private String phrase() {
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        phraseWords = 0;
        skip();
        while (!lx.atEnd()) {
            int c = lx.peek();
            String word;
            if (c == '"') {
                word = lx.quotedString();
                if (word == null) {
                    return null;
                }
            } else {
                word = atomsAndDots();
                if (word.isEmpty()) {
                    break;
                }
            }
            boolean dotsOnly = word.chars().allMatch(ch -> ch == '.');
            if (dotsOnly) {
                sb.append(word);
                any = true;
                skip();
                continue;
            }
            if (any) {
                sb.append(' ');
            }
            phraseWords++;
            sb.append(word);
            any = true;
            skip();
        }
        return any ? sb.toString() : null;
    }
}
