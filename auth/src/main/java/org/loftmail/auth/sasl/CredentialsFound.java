package org.loftmail.auth.sasl;

import java.util.Map;
import java.util.Objects;
import org.loftmail.auth.scheme.StoredPassword;

/**
 * The user exists and may log in if the mechanism's proof matches {@code password}.
 *
 * @param user the user the session belongs to, after translation and master-user resolution
 * @param password the stored password exactly as the passdb holds it, with the passdb's
 *     {@code default_pass_scheme} applied to a value without a {@code {SCHEME}} prefix
 * @param fields extra passdb fields to hand on when the proof matches
 */
public record CredentialsFound(String user, StoredPassword password, Map<String, String> fields)
        implements CredentialsResult {
    public CredentialsFound {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        fields = Map.copyOf(fields);
    }
}
