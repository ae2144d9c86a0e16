package org.loftmail.auth.passdb;

import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.Fields;
import org.loftmail.auth.PasswordVerifier;

/** passdb passwd-file: Dovecot's passwd-like file with {SCHEME} passwords and extra fields. */
public final class PasswdFilePassDb implements PassDb {
    private final PasswdFileSource source;
    private final PasswordVerifier verifier;

    public PasswdFilePassDb(String args, PasswordVerifier verifier) {
        this.source = new PasswdFileSource(args);
        this.verifier = verifier;
    }

    @Override
    public String driverName() {
        return "passwd-file";
    }

    @Override
    public PassDbResult verifyPlain(AuthRequest request, String password) {
        PasswdFileEntry entry;
        try {
            entry = source.lookup(request);
        } catch (PasswdFile.UnreadableException e) {
            return PassDbResult.internalFailure(e.getMessage());
        }
        if (entry == null) {
            return PassDbResult.unknownUser();
        }
        Map<String, String> fields = entry.passdbFields();
        if (Fields.isTrue(fields, "nopassword")) {
            return PassDbResult.ok(fields);
        }
        if (entry.password().isEmpty()) {
            return new PassDbResult(PassDbResult.Status.PASSWORD_MISMATCH, Map.of(), null, "Empty password");
        }
        return switch (verifier.verify(password, entry.password(), source.scheme(), request.user())) {
            case MATCH -> PassDbResult.ok(fields);
            case MISMATCH -> PassDbResult.mismatch();
            case UNKNOWN_SCHEME -> PassDbResult.internalFailure("Unknown scheme in the stored password");
        };
    }

    @Override
    public PassDbResult lookupCredentials(AuthRequest request) {
        PasswdFileEntry entry;
        try {
            entry = source.lookup(request);
        } catch (PasswdFile.UnreadableException e) {
            return PassDbResult.internalFailure(e.getMessage());
        }
        if (entry == null) {
            return PassDbResult.unknownUser();
        }
        return PassDbResult.credentials(withScheme(entry.password(), source.scheme()), entry.passdbFields());
    }

    static String withScheme(String stored, String defaultScheme) {
        if (stored.isEmpty() || stored.startsWith("{")) {
            return stored;
        }
        return "{" + defaultScheme + "}" + stored;
    }
}
