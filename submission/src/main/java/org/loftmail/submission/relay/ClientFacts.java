package org.loftmail.submission.relay;

import java.util.Objects;

/**
 * What the submission service knows about its client, for the relay (XCLIENT) and the local delivery's envelope:
 * the authenticated user, the EHLO name, the address and port, whether TLS is on, the session id.
 */
public record ClientFacts(String user, String heloName, String remoteIp, int remotePort, boolean secured,
        String sessionId) {

    public ClientFacts {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(remoteIp, "remoteIp");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
