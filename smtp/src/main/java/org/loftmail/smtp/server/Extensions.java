package org.loftmail.smtp.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The service extensions a server transaction supports, as listed after EHLO/LHLO's first line (RFC 5321 section
 * 4.1.1.1): 8BITMIME (RFC 6152), CHUNKING (RFC 3030), ENHANCEDSTATUSCODES (RFC 2034), PIPELINING (RFC 2920),
 * SIZE (RFC 1870) and STARTTLS (RFC 3207) where the listener can do TLS.
 */
public final class Extensions {

    private Extensions() {}

    /** The reply lines after the host name, in Dovecot's order. */
    public static List<String> lines(ServerLimits limits, boolean canStartTls) {
        List<String> lines = new ArrayList<>();
        lines.add("8BITMIME");
        lines.add("CHUNKING");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("PIPELINING");
        lines.add(limits.maxMessageSize() > 0 ? "SIZE " + limits.maxMessageSize() : "SIZE");
        if (canStartTls) {
            lines.add("STARTTLS");
        }
        return lines;
    }
}
