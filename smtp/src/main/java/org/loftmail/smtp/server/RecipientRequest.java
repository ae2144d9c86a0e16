package org.loftmail.smtp.server;

import java.util.Objects;

/** A syntactically valid RCPT: the address and the RFC 3461 ORCPT address (null when not given). */
public record RecipientRequest(String address, String originalRecipient) {

    public RecipientRequest {
        Objects.requireNonNull(address, "address");
    }
}
