package org.loftmail.sieve.delivery;

import java.util.LinkedHashSet;
import java.util.Set;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingType;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.store.SieveStoreSettingsBinder;

/** Binds {@link SieveDeliverySettings} from a delivering protocol's settings (ADR 0103). */
public final class SieveDeliverySettingsBinder {

    private SieveDeliverySettingsBinder() {}

    public static SieveDeliverySettings bind(Settings s) {
        var store = SieveStoreSettingsBinder.bind(s);
        return SettingsBinding.bind(s, () -> {
            Set<String> extensions = SettingsBinding.read("sieve_extensions",
                    () -> s.plugin("sieve_extensions").isBlank() ? SieveExtensions.defaults()
                            : SieveExtensions.apply(SieveExtensions.defaults(), s.plugin("sieve_extensions")));
            RunEnvironment.Limits d = RunEnvironment.Limits.DEFAULT;
            RunEnvironment.Limits limits = new RunEnvironment.Limits(
                    (int) count(s, "sieve_max_actions"), (int) count(s, "sieve_max_redirects"),
                    d.maxIncludeDepth(), d.maxIncludes(), d.maxSteps(), d.maxMillis(),
                    seconds(s, "sieve_vacation_min_period"), seconds(s, "sieve_vacation_default_period"),
                    seconds(s, "sieve_vacation_max_period"));
            return new SieveDeliverySettings(store, new LinkedHashSet<>(extensions), limits,
                    SettingsBinding.read("sieve_vacation_dont_check_recipient",
                            () -> SettingType.parseBool(s.plugin("sieve_vacation_dont_check_recipient"))),
                    s.string("recipient_delimiter"));
        });
    }

    private static long count(Settings s, String key) {
        return SettingsBinding.read(key, () -> {
            long n = Long.parseLong(s.plugin(key).trim());
            if (n < 0) throw new IllegalArgumentException(key + " must not be negative: " + n);
            return n == 0 || n > Integer.MAX_VALUE ? Integer.MAX_VALUE : n; // 0: unlimited, as in Pigeonhole
        });
    }

    private static long seconds(Settings s, String key) {
        return SettingsBinding.read(key, () -> {
            String v = s.plugin(key).trim();
            return v.isEmpty() || v.equals("0") ? 0 : SettingType.parseDuration(v).toSeconds();
        });
    }
}
