package org.loftmail.auth.userdb;

import java.util.Map;
import java.util.Objects;

/** What one userdb driver answered: the user's fields (uid, gid, home, mail, quota_rule…). */
public record UserDbResult(Status status, Map<String, String> fields, String reason) {

    public enum Status { OK, USER_UNKNOWN, INTERNAL_FAILURE }

    public UserDbResult {
        Objects.requireNonNull(status, "status");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public static UserDbResult ok(Map<String, String> fields) {
        return new UserDbResult(Status.OK, fields, null);
    }

    public static UserDbResult unknownUser() {
        return new UserDbResult(Status.USER_UNKNOWN, Map.of(), "unknown user");
    }

    public static UserDbResult internalFailure(String reason) {
        return new UserDbResult(Status.INTERNAL_FAILURE, Map.of(), reason);
    }
}
