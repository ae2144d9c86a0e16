package org.loftmail.imap.codec;

import java.util.List;
import java.util.Locale;

/**
 * A body section (RFC 3501 section 6.4.5 / RFC 9051 6.4.5): a MIME part path ({@code 1.2}, empty for the whole
 * message) and what of it: everything, HEADER, HEADER.FIELDS (…), HEADER.FIELDS.NOT (…), TEXT or MIME.
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {

    public enum Kind {
        ALL(""),
        HEADER("HEADER"),
        HEADER_FIELDS("HEADER.FIELDS"),
        HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"),
        MIME("MIME");

        private final String imapName;

        Kind(String imapName) {
            this.imapName = imapName;
        }

        public String imapName() {
            return imapName;
        }
    }

    public static final Section WHOLE = new Section(List.of(), Kind.ALL, List.of());

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
        if (kind == Kind.MIME && part.isEmpty()) throw new ImapSyntaxException("Invalid section: MIME needs a part number");
        boolean hasFields = kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT;
        if (hasFields == fields.isEmpty()) throw new ImapSyntaxException("Invalid section");
    }

    /**
     * The section as it is echoed in a FETCH response: field names are uppercased and, being atoms from the
     * parser, need no quoting.
     */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(p);
        }
        if (kind != Kind.ALL) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(kind.imapName());
        }
        if (!fields.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(fields.get(i).toUpperCase(Locale.ROOT));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
