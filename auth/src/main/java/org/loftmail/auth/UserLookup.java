package org.loftmail.auth;

import java.util.Objects;

/** The answer to a userdb lookup (LMTP delivery, lda, doveadm user, the auth-userdb socket). */
public sealed interface UserLookup {

    record Found(UserInfo info) implements UserLookup {
        public Found {
            Objects.requireNonNull(info, "info");
        }
    }

    /** No userdb knows the user (LMTP: 550 5.1.1). */
    record NotFound(String user) implements UserLookup {}

    /** A userdb can't answer now (LMTP: 451 4.3.0). {@code reason} is for logs. */
    record TemporaryFailure(String user, String reason) implements UserLookup {}
}
