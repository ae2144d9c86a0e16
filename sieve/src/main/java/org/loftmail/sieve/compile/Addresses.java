package org.loftmail.sieve.compile;

import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EnvelopeAddress;

/** Address checks for redirect and vacation (RFC 5228 section 4.2: an RFC 5322 mailbox, no group, no route). */
public final class Addresses {

    private Addresses() {}

    /** A single {@code local@domain}, optionally inside {@code Name <...>}. */
    public static boolean validMailbox(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 998) return false;
        int lt = v.lastIndexOf('<');
        if (lt >= 0) {
            if (!v.endsWith(">")) return false;
            v = v.substring(lt + 1, v.length() - 1);
        }
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') return false;
        }
        return true;
    }

    /** A From header value with exactly one mailbox. */
    public static boolean validFromHeader(String value) {
        var list = AddressParser.parse(value);
        if (list.size() != 1) return false;
        EnvelopeAddress a = list.get(0);
        return a.mailbox() != null && a.host() != null && !AddressParser.MISSING_DOMAIN.equals(a.host());
    }
}
