package org.loftmail.auth.scheme;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Parameters for making a new password hash, as {@code doveadm pw -u USER -r ROUNDS} takes them.
 *
 * @param user the user name, for schemes that use it
 * @param rounds the cost: crypt rounds, bcrypt's log2 cost, PBKDF2/SCRAM iterations, Argon2's
 *     passes; empty for the scheme's default
 */
public record GenerateOptions(String user, OptionalInt rounds) {
    public GenerateOptions {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rounds, "rounds");
        if (rounds.isPresent() && rounds.getAsInt() < 1) {
            throw new IllegalArgumentException("rounds must be positive: " + rounds.getAsInt());
        }
    }

    public static GenerateOptions defaults() {
        return new GenerateOptions("", OptionalInt.empty());
    }

    public int roundsOr(int defaultRounds) {
        return rounds.orElse(defaultRounds);
    }
}
