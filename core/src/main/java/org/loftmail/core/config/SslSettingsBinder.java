package org.loftmail.core.config;

import java.util.List;
import java.util.Locale;

/** Binds the TLS settings of one effective view (docs/adr/0103); errors name the line of the bad setting. */
public final class SslSettingsBinder {

    private SslSettingsBinder() {}

    public static SslSettings bind(Settings s) {
        return SettingsBinding.bind(s, () -> new SslSettings(
                SslSettings.Mode.valueOf(s.string("ssl").toUpperCase(Locale.ROOT)),
                s.string("ssl_cert"), s.string("ssl_key"), s.string("ssl_key_password"), s.string("ssl_ca"),
                s.explicit("ssl_cert").map(ConfigValue::sourceFile).orElse(null),
                s.explicit("ssl_key").map(ConfigValue::sourceFile).orElse(null),
                minProtocol(s), s.string("ssl_cipher_list"),
                s.bool("ssl_prefer_server_ciphers"), s.bool("ssl_verify_client_cert")));
    }

    /**
     * The highest of: TLSv1.2, ssl_min_protocol, and the lowest version the obsolete ssl_protocols
     * leaves enabled (as Dovecot 2.3 maps it).
     */
    static String minProtocol(Settings s) {
        int floor = SslSettings.VERSIONS.indexOf(SslSettings.FLOOR);
        String configured = s.string("ssl_min_protocol");
        int min = configured.equals("ANY") ? 0 : SslSettings.VERSIONS.indexOf(configured);
        int fromProtocols = lowestEnabled(s.string("ssl_protocols"));
        return SslSettings.VERSIONS.get(Math.max(floor, Math.max(min, fromProtocols)));
    }

    /** The index of the lowest version an ssl_protocols value enables (0 when unset). */
    static int lowestEnabled(String sslProtocols) {
        List<String> words = SettingType.parseList(sslProtocols);
        if (words.isEmpty()) {
            return 0;
        }
        boolean anyPositive = words.stream().anyMatch(w -> !w.startsWith("!"));
        boolean[] on = new boolean[SslSettings.VERSIONS.size()];
        java.util.Arrays.fill(on, !anyPositive);
        on[0] = false; // SSLv2 never counts (Dovecot 2.3 refuses it)
        for (String w : words) {
            int i = SslSettings.VERSIONS.indexOf(w.startsWith("!") ? w.substring(1) : w);
            if (i >= 0) {
                on[i] = !w.startsWith("!");
            }
        }
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                return i;
            }
        }
        return SslSettings.VERSIONS.size() - 1;
    }
}
