package org.loftmail.auth.userdb;

import org.loftmail.auth.AuthRequest;

/**
 * userdb prefetch: the userdb_ fields the passdb already returned, so a login needs one
 * database query instead of two. Without such fields (e.g. an LMTP delivery, which never
 * runs a passdb) the user is "not found" here and the next userdb is asked.
 */
public final class PrefetchUserDb implements UserDb {

    @Override
    public String driverName() {
        return "prefetch";
    }

    @Override
    public UserDbResult lookup(AuthRequest request) {
        if (request.userdbFields().isEmpty()) {
            return UserDbResult.unknownUser();
        }
        return UserDbResult.ok(request.userdbFields());
    }
}
