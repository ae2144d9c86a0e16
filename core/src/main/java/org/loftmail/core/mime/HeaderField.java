package org.loftmail.core.mime;

/**
 * One header field as stored. Strings here are byte strings: each char is one raw byte (ISO-8859-1), so 8-bit
 * headers survive unchanged; use {@link EncodedWords} or {@link ByteStrings#utf8} for text meant for people.
 *
 * @param name     the field name as written (without the colon, trailing blanks removed)
 * @param rawValue what follows the colon and the blanks after it, folding line breaks included,
 *                 the final line break excluded
 */
public record HeaderField(String name, String rawValue) {
    public HeaderField {
        if (name == null || rawValue == null) {
            throw new IllegalArgumentException("header field needs a name and a value");
        }
    }

    /** The value with every CR and LF removed (folding whitespace kept), as Dovecot's "full value". */
    public String value() {
        String v = rawValue;
        if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public boolean is(String fieldName) {
        return name.equalsIgnoreCase(fieldName);
    }
}
