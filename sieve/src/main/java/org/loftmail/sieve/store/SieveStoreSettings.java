package org.loftmail.sieve.store;

import java.util.Optional;
import org.loftmail.core.config.InvalidSettingException;

/**
 * The settings of personal script storage (Pigeonhole's names): {@code sieve} and the legacy {@code sieve_dir}
 * (kept as given: {@code %} variables are expanded per user), {@code sieve_quota_max_scripts},
 * {@code sieve_quota_max_storage} and {@code sieve_max_script_size} (0: no limit).
 */
public record SieveStoreSettings(String sieve, String sieveDir, long maxScripts, long maxStorage, long maxScriptSize) {

    /** Pigeonhole's defaults: {@code file:~/sieve;active=~/.dovecot.sieve}, no quota, 1 MiB scripts. */
    public static final SieveStoreSettings DEFAULTS =
            new SieveStoreSettings("file:~/sieve;active=~/.dovecot.sieve", "", 0, 0, 1024 * 1024);

    public SieveStoreSettings {
        sieve = sieve == null ? "" : sieve;
        sieveDir = sieveDir == null ? "" : sieveDir;
        try {
            SieveLocation.parse(sieve, sieveDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(sieveDir.isEmpty() ? "sieve" : "sieve_dir", e.getMessage());
        }
        if (maxScripts < 0) throw new InvalidSettingException("sieve_quota_max_scripts", "must not be negative");
        if (maxStorage < 0) throw new InvalidSettingException("sieve_quota_max_storage", "must not be negative");
        if (maxScriptSize < 0) throw new InvalidSettingException("sieve_max_script_size", "must not be negative");
    }

    /** The parsed location (checked in the constructor); empty when personal scripts are disabled. */
    public Optional<SieveLocation> location() {
        return SieveLocation.parse(sieve, sieveDir);
    }

    /** The same limits with another {@code sieve} value, e.g. a userdb's {@code sieve} field. */
    public SieveStoreSettings withSieve(String value) {
        return new SieveStoreSettings(value, sieveDir, maxScripts, maxStorage, maxScriptSize);
    }

    public SieveStoreSettings withQuota(long scripts, long storage, long scriptSize) {
        return new SieveStoreSettings(sieve, sieveDir, scripts, storage, scriptSize);
    }
}
