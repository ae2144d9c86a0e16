package org.loftmail.lmtp;

import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.lmtp.delivery.DeliverySettingsBinder;

/**
 * Binds the LMTP protocol's own settings (docs/adr/0103); the delivery's are bound by
 * {@link DeliverySettingsBinder}. Pass {@code config.settings("lmtp")}.
 */
public final class LmtpSettingsBinder {

    private LmtpSettingsBinder() {}

    public static LmtpSettings bind(Settings settings) {
        return SettingsBinding.bind(settings, () -> {
            LmtpSettings defaults = LmtpSettings.defaults(DeliverySettingsBinder.hostname(settings));
            return new LmtpSettings(defaults.hostname(), settings.string("login_greeting"), defaults.maxLineLength(),
                    defaults.idleTimeout(), defaults.maxRecipients());
        });
    }
}
