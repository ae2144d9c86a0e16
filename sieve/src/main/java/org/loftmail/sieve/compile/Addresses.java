package org.loftmail.sieve.compile;

import java.util.List;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EnvelopeAddress;

/** Address checks for redirect and vacation (RFC 5228 section 4.2: an RFC 5322 mailbox, no group, no route). */
public final class Addresses {

    private Addresses() {}

    /** A single mailbox, RFC 5322's comments and white space allowed (Pigeonhole's parser accepts them). */
    public static boolean validMailbox(String value) {
        return normalize(value) != null;
    }

    /**
     * The address of a single mailbox ({@code Name <local@domain>}, {@code local @ domain}, a quoted local part)
     * as {@code local@domain}, the local part quoted when it needs to be; null when it is not exactly one valid
     * mailbox.
     */
    public static String normalize(String value) {
        if (value.length() > 998 || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) return null;
        List<EnvelopeAddress> list = AddressParser.parse(value);
        if (list.size() != 1) return null;
        EnvelopeAddress a = list.get(0);
        if (a.isGroupStart() || a.isGroupEnd() || a.route() != null || a.mailbox() == null || a.host() == null
                || a.mailbox().isEmpty() || a.host().isEmpty() || AddressParser.MISSING_MAILBOX.equals(a.mailbox())
                || AddressParser.MISSING_DOMAIN.equals(a.host())) {
            return null;
        }
        String local = a.mailbox();
        boolean atom = local.chars().allMatch(c -> c > 32 && c < 127 && "()<>[]:;@\\,\"".indexOf(c) < 0)
                && !local.startsWith(".") && !local.endsWith(".") && !local.contains("..");
        if (!atom) local = "\"" + local.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return local + "@" + a.host();
    }

    /** A From header value with exactly one mailbox. */
    public static boolean validFromHeader(String value) {
        var list = AddressParser.parse(value);
        if (list.size() != 1) return false;
        EnvelopeAddress a = list.get(0);
        return a.mailbox() != null && a.host() != null && !AddressParser.MISSING_DOMAIN.equals(a.host());
    }
}
