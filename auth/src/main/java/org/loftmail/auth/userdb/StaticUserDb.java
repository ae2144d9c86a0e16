package org.loftmail.auth.userdb;

import java.util.Map;
import java.util.function.Function;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.Fields;

/**
 * userdb static: the same fields for everyone, with variables ({@code uid=vmail gid=vmail
 * home=/var/vmail/%d/%n}). As in Dovecot, a lookup that no passdb has confirmed (an LMTP
 * delivery) asks the passdbs whether the user exists, unless {@code allow_all_users=yes}.
 */
public final class StaticUserDb implements UserDb {
    private final Map<String, String> fields;
    private final boolean allowAllUsers;
    private final Function<AuthRequest, UserDbResult.Status> passdbExistence;

    /**
     * @param passdbExistence answers OK / USER_UNKNOWN / INTERNAL_FAILURE from a passdb lookup
     */
    public StaticUserDb(String args, Function<AuthRequest, UserDbResult.Status> passdbExistence) {
        Map<String, String> parsed = new java.util.LinkedHashMap<>(Fields.parse(args));
        String all = parsed.remove("allow_all_users");
        this.allowAllUsers = all != null && (all.isEmpty() || all.equalsIgnoreCase("yes") || all.equals("1"));
        this.fields = java.util.Collections.unmodifiableMap(parsed);
        parsed.forEach((k, v) -> org.loftmail.auth.AuthTemplates.validate(v, "userdb static args " + k));
        this.passdbExistence = passdbExistence;
    }

    @Override
    public String driverName() {
        return "static";
    }

    @Override
    public UserDbResult lookup(AuthRequest request) {
        if (!allowAllUsers && !request.passdbSucceeded()) {
            UserDbResult.Status exists = passdbExistence.apply(request);
            if (exists == UserDbResult.Status.USER_UNKNOWN) {
                return UserDbResult.unknownUser();
            }
            if (exists == UserDbResult.Status.INTERNAL_FAILURE) {
                return UserDbResult.internalFailure("passdb lookup to check the user's existence failed");
            }
        }
        return UserDbResult.ok(Fields.expand(fields, request));
    }
}
