package org.loftmail.sieve.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
            Set<String> global = SettingsBinding.read("sieve_global_extensions",
                    () -> s.plugin("sieve_global_extensions").isBlank() ? Set.of()
                            : SieveExtensions.apply(Set.of(), s.plugin("sieve_global_extensions")));
            RunEnvironment.Limits d = RunEnvironment.Limits.DEFAULT;
            RunEnvironment.Limits limits = new RunEnvironment.Limits(
                    (int) count(s, "sieve_max_actions"), (int) count(s, "sieve_max_redirects"),
                    d.maxIncludeDepth(), d.maxIncludes(), d.maxSteps(), d.maxMillis(),
                    seconds(s, "sieve_vacation_min_period"), seconds(s, "sieve_vacation_default_period"),
                    seconds(s, "sieve_vacation_max_period"));
            String global1 = !s.plugin("sieve_global").isBlank() ? s.plugin("sieve_global")
                    : !s.plugin("sieve_global_dir").isBlank() ? s.plugin("sieve_global_dir")
                    : s.plugin("sieve_global_path");
            return new SieveDeliverySettings(store, new LinkedHashSet<>(extensions), new LinkedHashSet<>(global),
                    numbered(s, "sieve_before"), numbered(s, "sieve_after"), s.plugin("sieve_default"),
                    s.plugin("sieve_discard"), global1, limits,
                    new SieveDeliverySettings.Vacation(bool(s, "sieve_vacation_dont_check_recipient"),
                            bool(s, "sieve_vacation_send_from_recipient"),
                            bool(s, "sieve_vacation_use_original_recipient")),
                    s.plugin("sieve_redirect_envelope_from").trim().toLowerCase(java.util.Locale.ROOT),
                    s.string("postmaster_address"), s.string("recipient_delimiter"), score(s, "spamtest"),
                    score(s, "virustest"));
        });
    }

    /** {@code sieve_before}, {@code sieve_before2}, … in order, as Pigeonhole numbers them (stops at a gap). */
    private static List<String> numbered(Settings s, String key) {
        List<String> out = new ArrayList<>();
        String first = s.plugin(key);
        if (!first.isBlank()) out.add(first.trim());
        for (int i = 2; ; i++) {
            var v = s.pluginValues().get(key + i);
            if (v == null || v.value().isBlank()) break;
            out.add(v.value().trim());
        }
        return out;
    }

    private static ScoreSettings score(Settings s, String test) {
        java.util.Map<Integer, String> texts = new java.util.HashMap<>();
        for (int i = 0; i <= 10; i++) {
            var v = s.pluginValues().get("sieve_" + test + "_text_value" + i);
            if (v != null) texts.put(i, v.value());
        }
        String p = "sieve_" + test + "_";
        return ScoreSettings.parse(test, s.plugin(p + "status_type"), s.plugin(p + "status_header"),
                s.plugin(p + "max_value"), s.plugin(p + "max_header"), texts);
    }

    private static boolean bool(Settings s, String key) {
        return SettingsBinding.read(key, () -> SettingType.parseBool(s.plugin(key)));
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
