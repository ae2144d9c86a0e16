package org.loftmail.auth.passdb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.AuthTemplates;
import org.loftmail.auth.Fields;
import org.loftmail.auth.PasswordVerifier;

/**
 * passdb static: the same answer for every user, from args such as
 * {@code password=secret} or {@code nopassword=y allow_nets=10.0.0.0/8}. Templates in the values
 * are expanded per request ({@code password=%{env:PW}}).
 */
public final class StaticPassDb implements PassDb {
    private final Map<String, String> args;
    private final PasswordVerifier verifier;

    public StaticPassDb(String args, PasswordVerifier verifier) {
        this.args = Fields.parse(args);
        this.verifier = verifier;
        if (!this.args.containsKey("password") && !Fields.isTrue(this.args, "nopassword")) {
            throw new IllegalArgumentException("passdb static: args need password=… or nopassword");
        }
    }

    @Override
    public String driverName() {
        return "static";
    }

    @Override
    public PassDbResult verifyPlain(AuthRequest request, String password) {
        Map<String, String> fields = fields(request);
        if (Fields.isTrue(args, "nopassword")) {
            return PassDbResult.ok(fields);
        }
        String stored = AuthTemplates.expand(args.get("password"), request, s -> s);
        return switch (verifier.verify(password, stored, "PLAIN", request.user())) {
            case MATCH -> PassDbResult.ok(fields);
            case MISMATCH -> PassDbResult.mismatch();
            case UNKNOWN_SCHEME -> PassDbResult.internalFailure("Unknown scheme in the static password");
        };
    }

    @Override
    public PassDbResult lookupCredentials(AuthRequest request) {
        Map<String, String> fields = fields(request);
        if (!args.containsKey("password")) {
            return PassDbResult.ok(fields);
        }
        String stored = AuthTemplates.expand(args.get("password"), request, s -> s);
        return PassDbResult.credentials(PasswdFilePassDb.withScheme(stored, "PLAIN"), fields);
    }

    private Map<String, String> fields(AuthRequest request) {
        Map<String, String> out = new LinkedHashMap<>(args);
        out.remove("password");
        out.replaceAll((k, v) -> AuthTemplates.expand(v, request, s -> s));
        return out;
    }
}
