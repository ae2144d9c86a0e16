package org.loftmail.auth.userdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.nativeos.SystemAccounts;

/**
 * userdb passwd: system users through NSS (getpwnam): uid, gid, home. Sites virtualise with
 * {@code override_fields = home=/home/virtual/%u}, which the chain applies.
 */
public final class PasswdUserDb implements UserDb {

    public PasswdUserDb(String args) {
        if (!args.isBlank()) {
            throw new IllegalArgumentException("userdb passwd takes no args (use override_fields)");
        }
    }

    @Override
    public String driverName() {
        return "passwd";
    }

    @Override
    public UserDbResult lookup(AuthRequest request) {
        Optional<SystemAccounts.Account> a = SystemAccounts.userByName(request.user());
        if (a.isEmpty()) {
            return UserDbResult.unknownUser();
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("uid", Integer.toUnsignedString(a.get().uid()));
        f.put("gid", Integer.toUnsignedString(a.get().gid()));
        if (a.get().home() != null && !a.get().home().isEmpty()) {
            f.put("home", a.get().home());
        }
        return UserDbResult.ok(f);
    }

    @Override
    public List<String> iterateUsers() {
        return SystemAccounts.allUserNames();
    }
}
