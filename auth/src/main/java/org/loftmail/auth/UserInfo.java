package org.loftmail.auth;

import java.util.Map;
import java.util.Objects;

/**
 * Where a user lives, from the userdb chain: what LMTP/lda and the mail processes need.
 *
 * @param user   the final user name (a userdb may change it with {@code user=})
 * @param uid    numeric uid, or -1 when the userdb gave none (run as the server's own user)
 * @param gid    numeric gid, or -1
 * @param home   home directory, or null
 * @param mail   the mail_location override ({@code mail=} field), or null
 * @param fields every userdb field as returned (quota_rule, namespace/…, sieve…)
 */
public record UserInfo(String user, long uid, long gid, String home, String mail, Map<String, String> fields) {
    public UserInfo {
        Objects.requireNonNull(user, "user");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The quota_rule field (e.g. {@code *:storage=1G}), or null. */
    public String quotaRule() {
        return fields.get("quota_rule");
    }

    public String field(String name) {
        return fields.get(name);
    }
}
