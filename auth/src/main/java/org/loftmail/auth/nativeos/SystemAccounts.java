package org.loftmail.auth.nativeos;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system's user and group databases (NSS: /etc/passwd, /etc/shadow, LDAP… whatever
 * nsswitch.conf says) and crypt(3), through JNA. libc's getpwnam/getspnam/crypt return static
 * buffers, so every call holds one lock; they are fast local lookups.
 */
public final class SystemAccounts {
    private static final Object LOCK = new Object();

    private SystemAccounts() {}

    /** A passwd entry. */
    public record Account(String name, String passwd, int uid, int gid, String gecos, String home, String shell) {}

    /** A shadow entry: the hash and its dates (days since the epoch; -1 when unset). */
    public record Shadow(String name, String hash, long lastChange, long maxDays, long expireDay) {}

    public static Optional<Account> userByName(String name) {
        if (!safeName(name)) {
            return Optional.empty();
        }
        synchronized (LOCK) {
            Pointer p = NativeAccountCalls.INSTANCE.getpwnam(name);
            return p == null ? Optional.empty() : Optional.of(account(new NativeAccountCalls.Passwd(p)));
        }
    }

    public static Optional<Account> userById(int uid) {
        synchronized (LOCK) {
            Pointer p = NativeAccountCalls.INSTANCE.getpwuid(uid);
            return p == null ? Optional.empty() : Optional.of(account(new NativeAccountCalls.Passwd(p)));
        }
    }

    public static Optional<Integer> groupIdByName(String name) {
        if (!safeName(name)) {
            return Optional.empty();
        }
        synchronized (LOCK) {
            Pointer p = NativeAccountCalls.INSTANCE.getgrnam(name);
            return p == null ? Optional.empty() : Optional.of(new NativeAccountCalls.Group(p).gr_gid);
        }
    }

    /** Every user in the passwd database (for userdb iteration). */
    public static List<String> allUserNames() {
        List<String> out = new ArrayList<>();
        synchronized (LOCK) {
            NativeAccountCalls.INSTANCE.setpwent();
            try {
                for (Pointer p = NativeAccountCalls.INSTANCE.getpwent(); p != null; p = NativeAccountCalls.INSTANCE.getpwent()) {
                    out.add(new NativeAccountCalls.Passwd(p).pw_name);
                }
            } finally {
                NativeAccountCalls.INSTANCE.endpwent();
            }
        }
        return out;
    }

    /** The shadow entry; empty when the user has none. Needs root (or the shadow group). */
    public static Optional<Shadow> shadowByName(String name) {
        if (!safeName(name)) {
            return Optional.empty();
        }
        synchronized (LOCK) {
            Pointer p = NativeAccountCalls.INSTANCE.getspnam(name);
            if (p == null) {
                return Optional.empty();
            }
            NativeAccountCalls.Spwd s = new NativeAccountCalls.Spwd(p);
            return Optional.of(new Shadow(s.sp_namp, s.sp_pwdp, s.sp_lstchg, s.sp_max, s.sp_expire));
        }
    }

    /** crypt(3) of the password with the stored hash as setting, compared in constant time. */
    public static boolean cryptMatches(String password, String storedHash) {
        if (storedHash == null || storedHash.isEmpty() || storedHash.startsWith("!") || storedHash.startsWith("*")) {
            return false;
        }
        if (password.indexOf('\0') >= 0) {
            return false;
        }
        String result;
        synchronized (LOCK) {
            Pointer p = LibCrypt.INSTANCE.crypt(password, storedHash);
            result = p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
        }
        if (result == null || result.startsWith("*")) {
            return false;
        }
        return MessageDigest.isEqual(result.getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isRoot() {
        return NativeAccountCalls.INSTANCE.geteuid() == 0;
    }

    private static Account account(NativeAccountCalls.Passwd p) {
        return new Account(p.pw_name, p.pw_passwd, p.pw_uid, p.pw_gid, p.pw_gecos, p.pw_dir, p.pw_shell);
    }

    /** NSS modules get nothing with NULs or absurd lengths. */
    private static boolean safeName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 256 && name.indexOf('\0') < 0;
    }
}
