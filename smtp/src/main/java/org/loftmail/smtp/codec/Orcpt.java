package org.loftmail.smtp.codec;

/** RFC 3461 section 4.2 ORCPT: {@code addr-type ";" xtext}; only rfc822 addresses are used. */
public final class Orcpt {

    private Orcpt() {}

    /** The decoded address, or null when the value is malformed or not an rfc822 address. */
    public static String decode(String value) {
        int semi = value.indexOf(';');
        if (semi <= 0 || !value.substring(0, semi).equalsIgnoreCase("rfc822")) {
            return null;
        }
        String xtext = value.substring(semi + 1);
        StringBuilder b = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    return null;
                }
                int v;
                try {
                    v = Integer.parseInt(xtext.substring(i + 1, i + 3), 16);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (v < 0x21 || v > 0x7e) {
                    return null;
                }
                b.append((char) v);
                i += 2;
            } else if (c < 0x21 || c > 0x7e || c == '=') {
                return null;
            } else {
                b.append(c);
            }
        }
        return b.isEmpty() ? null : b.toString();
    }
}
