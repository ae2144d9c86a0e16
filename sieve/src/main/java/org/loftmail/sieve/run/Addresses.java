package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.EnvelopeAddress;

/** Address parts (RFC 5228 section 2.7.4, RFC 5233 for :user and :detail) of header and envelope addresses. */
final class Addresses {

    private Addresses() {}

    /**
     * The values an address test sees in one header field (RFC 5228 section 2.7.4): each valid address's part;
     * an address that is not syntactically valid (no local part or domain, non-ASCII) is seen only by {@code :all},
     * as the field's raw text, as Pigeonhole does.
     */
    static List<String> values(String rawValue, String part, String delimiters) {
        List<String> out = new ArrayList<>();
        boolean invalid = false;
        List<EnvelopeAddress> parsed = AddressParser.parse(rawValue);
        for (EnvelopeAddress a : parsed) {
            if (a.isGroupStart() || a.isGroupEnd()) continue;
            String mailbox = a.mailbox();
            String host = a.host();
            if (mailbox == null || host == null || mailbox.isEmpty() || AddressParser.MISSING_MAILBOX.equals(mailbox)
                    || AddressParser.MISSING_DOMAIN.equals(host) || !ascii(mailbox) || !ascii(host)) {
                invalid = true;
                continue;
            }
            String v = part(mailbox + "@" + host, part, delimiters);
            if (v != null) out.add(v);
        }
        if ((invalid || parsed.isEmpty()) && part.equals("all")) out.add(EncodedWords.decode(rawValue).strip());
        return out;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c > 32 && c < 127);
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
