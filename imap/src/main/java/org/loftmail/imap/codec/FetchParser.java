package org.loftmail.imap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses FETCH's data items: one item, a parenthesised list, or one of the macros ALL, FAST, FULL (macros only
 * alone, as Dovecot insists: {@code FETCH 1 (FAST)} is BAD).
 */
public final class FetchParser {

    private FetchParser() {}

    public static List<FetchAttribute> parse(ArgumentReader r) {
        List<FetchAttribute> out = new ArrayList<>();
        if (r.skip('(')) {
            while (!r.skip(')')) {
                if (!out.isEmpty()) r.sp();
                out.add(attribute(r));
            }
            if (out.isEmpty()) throw new ImapSyntaxException("Empty fetch list");
            return out;
        }
        if (r.skipKeyword("ALL")) {
            return List.of(FetchAttribute.Simple.FLAGS, FetchAttribute.Simple.INTERNALDATE,
                    FetchAttribute.Simple.RFC822_SIZE, FetchAttribute.Simple.ENVELOPE);
        }
        if (r.skipKeyword("FAST")) {
            return List.of(FetchAttribute.Simple.FLAGS, FetchAttribute.Simple.INTERNALDATE, FetchAttribute.Simple.RFC822_SIZE);
        }
        if (r.skipKeyword("FULL")) {
            return List.of(FetchAttribute.Simple.FLAGS, FetchAttribute.Simple.INTERNALDATE,
                    FetchAttribute.Simple.RFC822_SIZE, FetchAttribute.Simple.ENVELOPE, FetchAttribute.Simple.BODY);
        }
        out.add(attribute(r));
        return out;
    }

    static FetchAttribute attribute(ArgumentReader r) {
        String name = r.readWhile(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '.').toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new ImapSyntaxException(r.peek() == -1 ? "Missing arguments" : "Invalid fetch attribute");
        }
        switch (name) {
            case "BODY", "BODY.PEEK" -> {
                if (r.peek() != '[') {
                    if (name.equals("BODY.PEEK")) throw new ImapSyntaxException("Invalid fetch attribute");
                    return FetchAttribute.Simple.BODY;
                }
                Section section = section(r);
                return new FetchAttribute.BodySection(section, name.equals("BODY.PEEK"), partial(r));
            }
            case "BINARY", "BINARY.PEEK" -> {
                List<Integer> part = binaryPart(r);
                return new FetchAttribute.Binary(part, name.equals("BINARY.PEEK"), partial(r));
            }
            case "BINARY.SIZE" -> {
                return new FetchAttribute.BinarySize(binaryPart(r));
            }
            default -> {
                for (FetchAttribute.Simple s : FetchAttribute.Simple.values()) {
                    if (s.imapName().equals(name)) return s;
                }
                throw new ImapSyntaxException("Unknown parameter " + safe(name));
            }
        }
    }

    /** Fetch attribute names are letters, digits and dots, so they can be named in an error. */
    private static String safe(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    private static List<Integer> binaryPart(ArgumentReader r) {
        r.expect('[');
        List<Integer> part = partNumbers(r);
        if (part.contains(-1) || r.peek() != ']') throw new ImapSyntaxException("Invalid section");
        r.expect(']');
        return part;
    }

    /** Reads {@code 1.2.3}; stops before a '.' that is not followed by a digit. */
    private static List<Integer> partNumbers(ArgumentReader r) {
        List<Integer> part = new ArrayList<>();
        while (ArgumentReader.isDigit(r.peek())) {
            long n = r.number();
            if (n < 1 || n > Integer.MAX_VALUE) throw new ImapSyntaxException("Invalid section");
            part.add((int) n);
            if (r.peek() != '.') break;
            r.skip('.');
            if (!ArgumentReader.isDigit(r.peek())) {
                return withTextFollowing(part);
            }
        }
        return part;
    }

    /** Marker: the dot after the part numbers was consumed and section text follows. */
    private static List<Integer> withTextFollowing(List<Integer> part) {
        part.add(-1);
        return part;
    }

    static Section section(ArgumentReader r) {
        r.expect('[');
        List<Integer> part = partNumbers(r);
        boolean textFollows = !part.isEmpty() && part.get(part.size() - 1) == -1;
        if (textFollows) part.remove(part.size() - 1);
        if (r.skip(']')) {
            if (textFollows) throw new ImapSyntaxException("Invalid section");
            return new Section(part, Section.Kind.ALL, List.of());
        }
        if (!part.isEmpty() && !textFollows) throw new ImapSyntaxException("Invalid section");
        String text = r.readWhile(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.').toUpperCase(Locale.ROOT);
        Section.Kind kind = switch (text) {
            case "HEADER" -> Section.Kind.HEADER;
            case "HEADER.FIELDS" -> Section.Kind.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> Section.Kind.HEADER_FIELDS_NOT;
            case "TEXT" -> Section.Kind.TEXT;
            case "MIME" -> Section.Kind.MIME;
            default -> throw new ImapSyntaxException("Invalid section");
        };
        List<String> fields = new ArrayList<>();
        if (kind == Section.Kind.HEADER_FIELDS || kind == Section.Kind.HEADER_FIELDS_NOT) {
            r.sp();
            r.expect('(');
            while (!r.skip(')')) {
                if (!fields.isEmpty()) r.sp();
                String f = r.astring();
                if (!isFieldName(f)) throw new ImapSyntaxException("Invalid header field name");
                fields.add(f);
            }
            if (fields.isEmpty()) throw new ImapSyntaxException("Empty header field list");
        }
        r.expect(']');
        return new Section(part, kind, fields);
    }

    /** RFC 5322 ftext that is also an IMAP atom, so the name can be echoed in the response as it is. */
    private static boolean isFieldName(String f) {
        if (f.isEmpty()) return false;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (!ArgumentReader.isAtomChar(c) || c == ':' || c == '[') return false;
        }
        return true;
    }

    private static Optional<FetchAttribute.Partial> partial(ArgumentReader r) {
        if (!r.skip('<')) return Optional.empty();
        long offset = r.number32();
        r.expect('.');
        long length = r.nzNumber();
        r.expect('>');
        return Optional.of(new FetchAttribute.Partial(offset, length));
    }
}
