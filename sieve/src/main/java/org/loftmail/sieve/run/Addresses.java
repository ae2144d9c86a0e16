package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.EnvelopeAddress;

/** Address parts (RFC 5228 section 2.7.4, RFC 5233 for :user and :detail) of header and envelope addresses. */
final class Addresses {

    private Addresses() {}

    /** The addresses in a header value, as {@code local@domain} strings (a value that does not parse is kept). */
    static List<String> inHeader(String rawValue) {
        List<String> out = new ArrayList<>();
        List<EnvelopeAddress> parsed = AddressParser.parse(rawValue);
        for (EnvelopeAddress a : parsed) {
            if (a.isGroupStart() || a.isGroupEnd() || a.mailbox() == null) continue;
            String mailbox = EncodedWords.decode(a.mailbox());
            String host = a.host() == null || AddressParser.MISSING_DOMAIN.equals(a.host()) ? null : a.host();
            out.add(host == null ? mailbox : mailbox + "@" + host);
        }
        if (out.isEmpty() && !rawValue.isBlank() && parsed.isEmpty()) out.add(rawValue.strip());
        return out;
    }

    /** The part of {@code address} or null when it has none (a :detail without delimiter). */
    static String part(String address, String part, String delimiters) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at + 1);
        return switch (part) {
            case "localpart" -> local;
            case "domain" -> domain;
            case "user" -> {
                int d = delimiter(local, delimiters);
                yield d < 0 ? local : local.substring(0, d);
            }
            case "detail" -> {
                int d = delimiter(local, delimiters);
                yield d < 0 ? null : local.substring(d + 1);
            }
            default -> address;
        };
    }

    private static int delimiter(String local, String delimiters) {
        for (int i = 0; i < local.length(); i++) {
            if (delimiters.indexOf(local.charAt(i)) >= 0) return i;
        }
        return -1;
    }
}
