package org.loftmail.sieve.store;

import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;

/**
 * Binds {@link SieveStoreSettings} from the {@code plugin { }} keys of a protocol's settings (ADR 0103): pass
 * {@code config.settings("sieve")} for ManageSieve, {@code config.settings("lmtp")} for delivery. A refused value
 * is a configuration error at its {@code file:line}.
 */
public final class SieveStoreSettingsBinder {

    private SieveStoreSettingsBinder() {}

    public static SieveStoreSettings bind(Settings s) {
        // sieve_dir alone (sieve left at its default) is Pigeonhole's legacy storage with the default active link
        boolean legacyDirOnly = !s.pluginValues().containsKey("sieve") && !s.plugin("sieve_dir").isEmpty();
        return SettingsBinding.bind(s, () -> new SieveStoreSettings(
                legacyDirOnly ? "" : s.plugin("sieve"),
                s.plugin("sieve_dir"),
                SettingsBinding.read("sieve_quota_max_scripts", () -> count(s.plugin("sieve_quota_max_scripts"))),
                s.pluginSize("sieve_quota_max_storage"),
                s.pluginSize("sieve_max_script_size")));
    }

    private static long count(String v) {
        if (v.isEmpty()) return 0;
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new IllegalArgumentException("must not be negative: " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v);
        }
    }
}
