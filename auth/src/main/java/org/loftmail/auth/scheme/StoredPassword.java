package org.loftmail.auth.scheme;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A password as a passdb stores it: a scheme and the scheme's text, the way Dovecot writes
 * {@code {SCHEME}value} (and {@code {SCHEME.b64}value}, {@code {SCHEME.hex}value}).
 *
 * @param scheme the scheme name, upper case, possibly with an encoding suffix ({@code SHA.HEX})
 * @param value the text after the prefix; for PLAIN this is the password itself, so {@link
 *     #toString()} never shows it
 */
public record StoredPassword(String scheme, String value) {
    public StoredPassword {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        if (scheme.isBlank()) {
            throw new IllegalArgumentException("empty password scheme");
        }
        scheme = scheme.toUpperCase(Locale.ROOT);
    }

    /**
     * Reads a passdb's password field as Dovecot does: a {@code {SCHEME}} prefix wins; a bare
     * {@code $1$salt$hash} is MD5-CRYPT; anything else is in {@code defaultScheme}
     * ({@code default_pass_scheme}).
     */
    public static StoredPassword parse(String stored, String defaultScheme) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(defaultScheme, "defaultScheme");
        if (stored.startsWith("{")) {
            int end = stored.indexOf('}');
            if (end > 1) {
                return new StoredPassword(stored.substring(1, end), stored.substring(end + 1));
            }
        }
        if (stored.startsWith("$1$")) {
            int saltEnd = stored.indexOf('$', 3);
            if (saltEnd >= 0) {
                int hashEnd = stored.indexOf('$', saltEnd + 1);
                return new StoredPassword("MD5-CRYPT", hashEnd < 0 ? stored : stored.substring(0, hashEnd));
            }
        }
        return new StoredPassword(defaultScheme, stored);
    }

    /** The scheme without its encoding suffix ({@code SHA} for {@code SHA.HEX}). */
    public String baseScheme() {
        int dot = scheme.lastIndexOf('.');
        if (dot > 0 && PasswordEncoding.fromSuffix(scheme.substring(dot + 1)).isPresent()) {
            return scheme.substring(0, dot);
        }
        return scheme;
    }

    /** The encoding the suffix asks for, if the scheme name has one. */
    public Optional<PasswordEncoding> explicitEncoding() {
        int dot = scheme.lastIndexOf('.');
        return dot > 0 ? PasswordEncoding.fromSuffix(scheme.substring(dot + 1)) : Optional.empty();
    }

    /** The Dovecot form {@code {SCHEME}value}. Contains the password for plaintext schemes. */
    public String format() {
        return "{" + scheme + "}" + value;
    }

    @Override
    public String toString() {
        return "{" + scheme + "}<" + value.length() + " chars>";
    }
}
