package org.loftmail.auth.passdb;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.nativeos.SystemAccounts;

/**
 * passdb shadow: the system's shadow database (getspnam) checked with crypt(3), as Dovecot's
 * shadow driver. An expired account (sp_expire in the past) is disabled. Needs root or the
 * shadow group to read the hashes.
 */
public final class ShadowPassDb implements PassDb {

    public ShadowPassDb(String args) {
        if (!args.isBlank()) {
            throw new IllegalArgumentException("passdb shadow takes no args");
        }
    }

    @Override
    public String driverName() {
        return "shadow";
    }

    @Override
    public PassDbResult verifyPlain(AuthRequest request, String password) {
        Optional<SystemAccounts.Shadow> sp = SystemAccounts.shadowByName(request.user());
        if (sp.isEmpty()) {
            return PassDbResult.unknownUser();
        }
        if (expired(sp.get())) {
            return PassDbResult.of(PassDbResult.Status.USER_DISABLED, "account expired");
        }
        return SystemAccounts.cryptMatches(password, sp.get().hash()) ? PassDbResult.ok(Map.of()) : PassDbResult.mismatch();
    }

    @Override
    public PassDbResult lookupCredentials(AuthRequest request) {
        Optional<SystemAccounts.Shadow> sp = SystemAccounts.shadowByName(request.user());
        if (sp.isEmpty()) {
            return PassDbResult.unknownUser();
        }
        if (expired(sp.get())) {
            return PassDbResult.of(PassDbResult.Status.USER_DISABLED, "account expired");
        }
        return PassDbResult.credentials("{CRYPT}" + sp.get().hash(), Map.of());
    }

    private static boolean expired(SystemAccounts.Shadow sp) {
        return sp.expireDay() > 0 && LocalDate.now().toEpochDay() >= sp.expireDay();
    }
}
