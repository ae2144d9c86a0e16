package org.loftmail.core.mime;

/**
 * One header field as stored. Strings here are byte strings: each char is one raw byte (ISO-8859-1), so 8-bit
 * headers survive unchanged (NUL bytes too: the IMAP writer sends them as U+FFFD); use {@link EncodedWords} or
 * {@link ByteStrings#utf8} for text meant for people.
 *
 * @param name     the field name as written (without the colon, trailing blanks removed)
 * @param rawValue what follows the colon and the blanks after it; folded lines are joined with LF (whatever
 *                 line break the file used), the final line break is excluded
 */
public record HeaderField(String name, String rawValue) {
    public HeaderField {
        if (name == null || rawValue == null) {
            throw new IllegalArgumentException("header field needs a name and a value");
        }
    }

    /**
     * The unfolded value, as Dovecot reads it: folding line breaks removed (the white space after them kept),
     * stray CRs at the end dropped and a run of lone CRs inside turned into one space.
     */
    public String value() {
        String v = rawValue;
        if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == '\r') {
            end--;
        }
        StringBuilder sb = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = v.charAt(i);
            if (c == '\r') {
                if (i == 0 || v.charAt(i - 1) != '\r') {
                    sb.append(' '); // a run of lone CRs reads as one space
                }
            } else if (c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public boolean is(String fieldName) {
        return name.equalsIgnoreCase(fieldName);
    }
}
