package org.loftmail.auth;

import static org.loftmail.core.config.SettingsBinding.read;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;

/**
 * Binds the configuration's auth settings and passdb/userdb blocks into {@link AuthSettings}, once, at start
 * and on reload (docs/adr/0103). A bad value becomes a {@link org.loftmail.core.config.ConfigException} at the line
 * that set it; a missing one (a passdb without a driver) at its block.
 */
public final class AuthSettingsBinder {

    private AuthSettingsBinder() {}

    public static AuthSettings bind(Settings s) {
        return SettingsBinding.bind(s, () -> {
            List<PassDbSettings> passdbs = new ArrayList<>();
            for (ConfigSection p : s.sections("passdb")) {
                passdbs.add(passdb(p));
            }
            List<UserDbSettings> userdbs = new ArrayList<>();
            for (ConfigSection u : s.sections("userdb")) {
                userdbs.add(userdb(u));
            }
            return new AuthSettings(
                    s.list("auth_mechanisms"),
                    s.string("auth_username_format"),
                    s.string("auth_default_realm"),
                    s.list("auth_realms"),
                    s.string("auth_username_chars"),
                    s.string("auth_username_translation"),
                    s.bool("disable_plaintext_auth"),
                    networks(s, "login_trusted_networks"),
                    s.size("auth_cache_size"),
                    s.duration("auth_cache_ttl"),
                    s.duration("auth_cache_negative_ttl"),
                    s.duration("auth_failure_delay"),
                    s.string("auth_master_user_separator"),
                    s.string("auth_anonymous_username"),
                    s.bool("auth_verbose"),
                    s.bool("auth_debug"),
                    s.bool("auth_debug_passwords"),
                    s.string("auth_verbose_passwords"),
                    s.bool("auth_ssl_require_client_cert"),
                    s.bool("auth_ssl_username_from_cert"),
                    passdbs,
                    userdbs);
        });
    }

    private static PassDbSettings passdb(ConfigSection p) {
        return SettingsBinding.bind(p, () -> new PassDbSettings(
                    p.string("driver"),
                    p.string("args"),
                    p.string("default_fields"),
                    p.string("override_fields"),
                    read("skip", () -> PassDbSettings.Skip.parse(p.string("skip"))),
                    result(p, "result_success"),
                    result(p, "result_failure"),
                    result(p, "result_internalfail"),
                    p.bool("deny"),
                    p.bool("master"),
                    p.bool("pass"),
                    p.list("mechanisms"),
                    p.string("username_filter"),
                    verbose(p)));
    }

    private static UserDbSettings userdb(ConfigSection u) {
        return SettingsBinding.bind(u, () -> new UserDbSettings(
                    u.string("driver"),
                    u.string("args"),
                    u.string("default_fields"),
                    u.string("override_fields"),
                    read("skip", () -> UserDbSettings.Skip.parse(u.string("skip"))),
                    result(u, "result_success"),
                    result(u, "result_failure"),
                    result(u, "result_internalfail"),
                    verbose(u)));
    }

    private static ChainResultAction result(ConfigSection section, String key) {
        return read(key, () -> ChainResultAction.parse(section.string(key)));
    }

    /** A passdb/userdb block's own auth_verbose: default follows the global one. */
    private static Boolean verbose(ConfigSection section) {
        return switch (section.string("auth_verbose")) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static List<IpNetwork> networks(Settings s, String key) {
        try {
            return IpNetwork.parseList(s.string(key));
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, e.getMessage());
        }
    }
}
