package org.loftmail.auth.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * A definite no: wrong password, unknown user, disabled user, ... Never used for a backend that is
 * down (that is {@link Unavailable}).
 *
 * @param reason why, for logs and for the auth protocol's {@code code=}
 * @param clientMessage text the passdb wants the client to see (its {@code reason=} field), if any
 */
public record Rejected(RejectReason reason, Optional<String> clientMessage) implements VerifyResult, CredentialsResult {
    public Rejected {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(clientMessage, "clientMessage");
    }

    public Rejected(RejectReason reason) {
        this(reason, Optional.empty());
    }
}
