package org.loftmail.auth;

import java.util.Map;
import java.util.Objects;

/** The answer to a login attempt: success, or a failure of a kind protocols answer differently. */
public sealed interface AuthResult {

    /**
     * The user may log in.
     *
     * @param user         the user the session belongs to (after translation, format and master login)
     * @param masterUser   the master user who logged in as {@code user}, or null
     * @param fields       passdb extra fields (proxy, host, nodelay…), without userdb_ ones
     * @param userdbFields userdb_ prefixed passdb fields, prefix removed (what prefetch serves)
     */
    record Success(String user, String masterUser, Map<String, String> fields, Map<String, String> userdbFields)
            implements AuthResult {
        public Success {
            Objects.requireNonNull(user, "user");
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            userdbFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userdbFields));
        }
    }

    /**
     * The user may not log in.
     *
     * @param kind          why, in the categories the protocols tell apart
     * @param user          the user name the failure is about (for logs, and FAIL user=), may be null
     * @param clientMessage text the passdb wants the client to see (reason=), or null for the generic one
     */
    record Failure(Kind kind, String user, String clientMessage) implements AuthResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
        }

        public boolean temporary() {
            return kind == Kind.TEMPORARY;
        }
    }

    /** Failure categories. */
    enum Kind {
        /** Wrong password or unknown user: never told apart to the client. */
        INVALID_CREDENTIALS,
        /** A driver is down or slow; retry later. Never a wrong password. */
        TEMPORARY,
        /** The account may not log in (nologin, deny passdb, allow_nets, PAM account check). */
        DISABLED,
        /** The password has expired. */
        PASSWORD_EXPIRED,
        /** A master user may not log in as the requested user. */
        NOT_AUTHORIZED,
        /** Plaintext authentication refused on an insecure connection (disable_plaintext_auth). */
        PLAINTEXT_DISABLED,
        /** The user name has characters outside auth_username_chars, or is empty/too long. */
        INVALID_USERNAME,
        /** The client's SASL message was malformed or the client cancelled. */
        MALFORMED
    }

    static Failure failure(Kind kind, String user) {
        return new Failure(kind, user, null);
    }
}
