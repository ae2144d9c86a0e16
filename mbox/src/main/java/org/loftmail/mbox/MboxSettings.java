package org.loftmail.mbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The mbox settings Loft honours: {@code mbox_read_locks} and {@code mbox_write_locks} (each of {@code dotlock},
 * {@code dotlock_try}, {@code fcntl}, {@code flock}, {@code lockf}, taken in the listed order, as Dovecot does),
 * {@code mbox_lock_timeout} (the whole wait for all locks) and {@code mbox_dotlock_change_timeout} (when an
 * unchanged dot-lock is broken). Dovecot's defaults: {@code fcntl} to read, {@code dotlock fcntl} to write, 5 and
 * 2 minutes.
 */
public record MboxSettings(List<LockMethod> readLocks, List<LockMethod> writeLocks, Duration lockTimeout,
        Duration dotlockChangeTimeout) {

    public static final MboxSettings DEFAULTS = new MboxSettings(List.of(LockMethod.FCNTL),
            List.of(LockMethod.DOTLOCK, LockMethod.FCNTL), Duration.ofMinutes(5), Duration.ofMinutes(2));

    public enum LockMethod {
        /** {@code <mbox>.lock}; failing to create it (no permission) is an error. */
        DOTLOCK,
        /** {@code <mbox>.lock} if the directory lets us; skipped when it does not. */
        DOTLOCK_TRY,
        /** POSIX record lock (what Postfix, procmail and mutt use by default on Linux). */
        FCNTL,
        /** BSD flock(2) lock, a separate lock from fcntl on Linux. */
        FLOCK,
        /** lockf(3): on Linux the same lock as fcntl. */
        LOCKF;

        public static LockMethod parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "dotlock" -> DOTLOCK;
                case "dotlock_try" -> DOTLOCK_TRY;
                case "fcntl" -> FCNTL;
                case "flock" -> FLOCK;
                case "lockf" -> LOCKF;
                default -> throw new IllegalArgumentException("unknown mbox lock method: " + name
                        + " (dotlock, dotlock_try, fcntl, flock, lockf)");
            };
        }
    }

    public MboxSettings {
        readLocks = List.copyOf(readLocks);
        writeLocks = List.copyOf(writeLocks);
        if (lockTimeout.isNegative() || dotlockChangeTimeout.isNegative()) throw new IllegalArgumentException("negative mbox lock timeout");
        if (readLocks.stream().anyMatch(m -> m == LockMethod.DOTLOCK || m == LockMethod.DOTLOCK_TRY)
                && !writeLocks.contains(LockMethod.DOTLOCK) && !writeLocks.contains(LockMethod.DOTLOCK_TRY)) {
            throw new IllegalArgumentException("mbox_read_locks has a dotlock but mbox_write_locks has none");
        }
    }

    /** Parses the space-separated lists of the configuration. */
    public static MboxSettings of(String readLocks, String writeLocks, Duration lockTimeout, Duration dotlockChangeTimeout) {
        return new MboxSettings(methods(readLocks), methods(writeLocks), lockTimeout, dotlockChangeTimeout);
    }

    /** A space-separated list of lock methods, as {@code mbox_read_locks} and {@code mbox_write_locks} give them. */
    public static List<LockMethod> methods(String list) {
        return java.util.Arrays.stream(list.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).map(LockMethod::parse).distinct().toList();
    }
}
