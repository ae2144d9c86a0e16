package org.loftmail.auth.passdb;

import java.util.Map;
import java.util.Objects;

/**
 * What one passdb driver answered.
 *
 * @param status       the outcome
 * @param fields       the extra fields returned (userdb_ prefixed ones included), empty unless found
 * @param credentials  for a credentials lookup: the stored password ({SCHEME}value), else null
 * @param reason       a reason for logs (never contains a password), may be null
 */
public record PassDbResult(Status status, Map<String, String> fields, String credentials, String reason) {

    public enum Status {
        OK,
        PASSWORD_MISMATCH,
        USER_UNKNOWN,
        USER_DISABLED,
        PASS_EXPIRED,
        /** The driver could not answer (database down, PAM error): a temporary failure. */
        INTERNAL_FAILURE,
        /** The stored password can't be turned into what the mechanism needs. */
        SCHEME_NOT_AVAILABLE
    }

    public PassDbResult {
        Objects.requireNonNull(status, "status");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public static PassDbResult ok(Map<String, String> fields) {
        return new PassDbResult(Status.OK, fields, null, null);
    }

    public static PassDbResult credentials(String credentials, Map<String, String> fields) {
        return new PassDbResult(Status.OK, fields, credentials, null);
    }

    public static PassDbResult mismatch() {
        return new PassDbResult(Status.PASSWORD_MISMATCH, Map.of(), null, "Password mismatch");
    }

    public static PassDbResult unknownUser() {
        return new PassDbResult(Status.USER_UNKNOWN, Map.of(), null, "unknown user");
    }

    public static PassDbResult internalFailure(String reason) {
        return new PassDbResult(Status.INTERNAL_FAILURE, Map.of(), null, reason);
    }

    public static PassDbResult of(Status status, String reason) {
        return new PassDbResult(status, Map.of(), null, reason);
    }
}
