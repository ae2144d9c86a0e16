package org.loftmail.auth;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.Settings;

/**
 * Binds the configuration's auth settings and passdb/userdb blocks into {@link AuthSettings}, once, at start
 * and on reload. A bad value becomes a {@link ConfigException} at the line that set it.
 */
public final class AuthSettingsBinder {

    private AuthSettingsBinder() {}

    public static AuthSettings bind(Settings s) {
        try {
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
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.location("auth_mechanisms"), e.getMessage());
        }
    }

    private static PassDbSettings passdb(ConfigSection p) {
        try {
            return new PassDbSettings(
                    p.string("driver"),
                    p.string("args"),
                    p.string("default_fields"),
                    p.string("override_fields"),
                    PassDbSettings.Skip.parse(p.string("skip")),
                    ChainResultAction.parse(p.string("result_success")),
                    ChainResultAction.parse(p.string("result_failure")),
                    ChainResultAction.parse(p.string("result_internalfail")),
                    p.bool("deny"),
                    p.bool("master"),
                    p.bool("pass"),
                    p.list("mechanisms"),
                    p.string("username_filter"),
                    verbose(p));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.location(), e.getMessage());
        }
    }

    private static UserDbSettings userdb(ConfigSection u) {
        try {
            return new UserDbSettings(
                    u.string("driver"),
                    u.string("args"),
                    u.string("default_fields"),
                    u.string("override_fields"),
                    UserDbSettings.Skip.parse(u.string("skip")),
                    ChainResultAction.parse(u.string("result_success")),
                    ChainResultAction.parse(u.string("result_failure")),
                    ChainResultAction.parse(u.string("result_internalfail")),
                    verbose(u));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(u.location(), e.getMessage());
        }
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
