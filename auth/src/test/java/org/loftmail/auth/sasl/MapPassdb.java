package org.loftmail.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.scheme.InvalidStoredPasswordException;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.scheme.StoredPassword;

/** A passdb over a map of users, for mechanism tests; it can be switched to "down". */
final class MapPassdb implements SaslPassdb {
    static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    private final Map<String, StoredPassword> users = new HashMap<>();
    final List<SaslLogin> calls = new ArrayList<>();
    boolean down;
    Optional<String> disabledReason = Optional.empty();

    MapPassdb with(String user, String stored) {
        users.put(user, StoredPassword.parse(stored, "PLAIN"));
        return this;
    }

    @Override
    public VerifyResult verifyPlain(SaslLogin login, byte[] password) {
        calls.add(login);
        if (down) {
            return new Unavailable("test database down");
        }
        StoredPassword stored = users.get(login.authcid());
        if (stored == null) {
            return new Rejected(RejectReason.UNKNOWN_USER);
        }
        if (disabledReason.isPresent()) {
            return new Rejected(RejectReason.USER_DISABLED, disabledReason);
        }
        try {
            return SCHEMES.verify(password, stored, login.authcid())
                    ? new Authenticated(login.authzid().orElse(login.authcid()))
                    : new Rejected(RejectReason.PASSWORD_MISMATCH);
        } catch (InvalidStoredPasswordException e) {
            return new Unavailable("invalid stored password");
        }
    }

    @Override
    public CredentialsResult lookupCredentials(SaslLogin login, String scheme) {
        calls.add(login);
        if (down) {
            return new Unavailable("test database down");
        }
        StoredPassword stored = users.get(login.authcid());
        if (stored == null) {
            return new Rejected(RejectReason.UNKNOWN_USER);
        }
        return new CredentialsFound(login.authzid().orElse(login.authcid()), stored, Map.of("k", "v"));
    }

    @Override
    public VerifyResult lookupWithoutPassword(SaslLogin login) {
        calls.add(login);
        if (down) {
            return new Unavailable("test database down");
        }
        return users.containsKey(login.authcid())
                ? new Authenticated(login.authzid().orElse(login.authcid()))
                : new Rejected(RejectReason.UNKNOWN_USER);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
