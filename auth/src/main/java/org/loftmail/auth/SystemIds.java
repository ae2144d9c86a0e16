package org.loftmail.auth;

import org.loftmail.auth.nativeos.SystemAccounts;

/** uid/gid fields may be numbers or names (uid=vmail); names are resolved through NSS. */
final class SystemIds {
    private SystemIds() {}

    static long uid(String value) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return Long.parseLong(value);
        }
        return SystemAccounts.userByName(value).map(a -> (long) Integer.toUnsignedLong(a.uid()))
                .orElseThrow(() -> new IllegalArgumentException("uid: unknown user name '" + LogSafe.text(value) + "'"));
    }

    static long gid(String value) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return Long.parseLong(value);
        }
        return SystemAccounts.groupIdByName(value).map(g -> Integer.toUnsignedLong(g))
                .orElseThrow(() -> new IllegalArgumentException("gid: unknown group name '" + LogSafe.text(value) + "'"));
    }
}
