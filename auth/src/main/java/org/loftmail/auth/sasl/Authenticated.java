package org.loftmail.auth.sasl;

import java.util.Map;
import java.util.Objects;

/**
 * The password (or certificate) is right and the user may log in.
 *
 * @param user the user the session belongs to, after translation and master-user resolution
 * @param fields extra passdb fields to hand on ({@code proxy}, {@code host}, {@code userdb_*}, ...)
 */
public record Authenticated(String user, Map<String, String> fields) implements VerifyResult {
    public Authenticated {
        Objects.requireNonNull(user, "user");
        fields = Map.copyOf(fields);
    }

    public Authenticated(String user) {
        this(user, Map.of());
    }
}
