package org.loftmail.auth.sasl;

import java.util.Objects;

/**
 * A temporary failure: a database or PAM is down or too slow. Never a wrong password.
 *
 * @param detail what went wrong, for the log only (never shown to clients, never a password)
 */
public record Unavailable(String detail) implements VerifyResult, CredentialsResult {
    public Unavailable {
        Objects.requireNonNull(detail, "detail");
    }
}
