package org.loftmail.core.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * What the MTA said about a message besides its recipients: the reverse path ({@code ""} for {@code <>}), the LHLO
 * name and client address (for the Received header), this server's host name, the session id, which service
 * delivers ("lmtp" or "lda", for logs) and when the message arrived.
 */
public record Envelope(
        String sender,
        String heloName,
        String remoteIp,
        String hostname,
        String sessionId,
        String service,
        boolean secured,
        Instant arrival) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(remoteIp, "remoteIp");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(arrival, "arrival");
    }

    public boolean nullSender() {
        return sender.isEmpty();
    }
}
