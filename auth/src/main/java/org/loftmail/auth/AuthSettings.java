package org.loftmail.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * The auth service's settings (Dovecot's {@code auth_*} settings plus the passdb and userdb
 * blocks), immutable and validated here.
 *
 * @param mechanisms            auth_mechanisms, upper case (PLAIN, LOGIN…)
 * @param usernameFormat        auth_username_format (%Lu by default)
 * @param defaultRealm          auth_default_realm, added to user names without a domain
 * @param realms                auth_realms (offered by DIGEST-MD5 style mechanisms; kept for completeness of the API)
 * @param usernameChars         auth_username_chars; empty allows every character
 * @param usernameTranslation   auth_username_translation: pairs of from/to characters
 * @param disablePlaintextAuth  disable_plaintext_auth
 * @param loginTrustedNetworks  login_trusted_networks (also exempt from the failure penalty)
 * @param cacheSizeBytes        auth_cache_size; 0 disables the cache
 * @param cacheTtl              auth_cache_ttl
 * @param cacheNegativeTtl      auth_cache_negative_ttl; zero disables negative caching
 * @param failureDelay          auth_failure_delay
 * @param masterUserSeparator   auth_master_user_separator (e.g. "*"); empty disables user*master logins
 * @param anonymousUsername     auth_anonymous_username
 * @param verbose               auth_verbose: log every failure with its reason
 * @param debug                 auth_debug
 * @param debugPasswords        auth_debug_passwords: the only way a password ever reaches a log
 * @param verbosePasswords      auth_verbose_passwords: no, plain, or sha1[:N] (what a failure log line shows of a wrong password)
 * @param requireClientCert     auth_ssl_require_client_cert: no login without a valid TLS client certificate
 * @param usernameFromCert      auth_ssl_username_from_cert: the certificate's user name replaces the one given
 * @param passdbs               the passdb blocks in configuration order
 * @param userdbs               the userdb blocks in configuration order
 */
public record AuthSettings(
        List<String> mechanisms,
        String usernameFormat,
        String defaultRealm,
        List<String> realms,
        String usernameChars,
        String usernameTranslation,
        boolean disablePlaintextAuth,
        List<IpNetwork> loginTrustedNetworks,
        long cacheSizeBytes,
        Duration cacheTtl,
        Duration cacheNegativeTtl,
        Duration failureDelay,
        String masterUserSeparator,
        String anonymousUsername,
        boolean verbose,
        boolean debug,
        boolean debugPasswords,
        String verbosePasswords,
        boolean requireClientCert,
        boolean usernameFromCert,
        List<PassDbSettings> passdbs,
        List<UserDbSettings> userdbs) {

    public static final String DEFAULT_USERNAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@";

    public AuthSettings {
        mechanisms = mechanisms == null || mechanisms.isEmpty()
                ? List.of("PLAIN")
                : mechanisms.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).filter(m -> !m.isEmpty()).toList();
        usernameFormat = usernameFormat == null ? "%Lu" : usernameFormat;
        defaultRealm = defaultRealm == null ? "" : defaultRealm;
        realms = realms == null ? List.of() : List.copyOf(realms);
        usernameChars = usernameChars == null ? DEFAULT_USERNAME_CHARS : usernameChars;
        usernameTranslation = usernameTranslation == null ? "" : usernameTranslation;
        if (usernameTranslation.length() % 2 != 0) {
            throw new InvalidSettingException("auth_username_translation", "auth_username_translation must list pairs of characters");
        }
        loginTrustedNetworks = loginTrustedNetworks == null ? List.of() : List.copyOf(loginTrustedNetworks);
        if (cacheSizeBytes < 0) {
            throw new InvalidSettingException("auth_cache_size", "auth_cache_size can't be negative");
        }
        cacheTtl = nonNegative(cacheTtl, Duration.ofHours(1), "auth_cache_ttl");
        cacheNegativeTtl = nonNegative(cacheNegativeTtl, Duration.ofHours(1), "auth_cache_negative_ttl");
        failureDelay = nonNegative(failureDelay, Duration.ofSeconds(2), "auth_failure_delay");
        masterUserSeparator = masterUserSeparator == null ? "" : masterUserSeparator;
        if (masterUserSeparator.length() > 1) {
            throw new InvalidSettingException("auth_master_user_separator", "auth_master_user_separator must be a single character");
        }
        anonymousUsername = anonymousUsername == null ? "anonymous" : anonymousUsername;
        verbosePasswords = verbosePasswords == null || verbosePasswords.isBlank() ? "no" : verbosePasswords.trim().toLowerCase(Locale.ROOT);
        if (!verbosePasswords.matches("no|yes|plain|sha1(:[0-9]+)?")) {
            throw new InvalidSettingException("auth_verbose_passwords", "auth_verbose_passwords must be no, plain or sha1[:N], not '" + verbosePasswords + "'");
        }
        passdbs = passdbs == null ? List.of() : List.copyOf(passdbs);
        userdbs = userdbs == null ? List.of() : List.copyOf(userdbs);
        if (!passdbs.isEmpty() && passdbs.stream().allMatch(p -> p.master() || p.deny())) {
            throw new InvalidSettingException("passdb", "no regular passdb configured (only master/deny passdbs)");
        }
    }

    private static Duration nonNegative(Duration value, Duration fallback, String name) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative()) {
            throw new InvalidSettingException(name, name + " can't be negative");
        }
        return d;
    }

    /** Dovecot's defaults with the given passdbs and userdbs. */
    public static AuthSettings defaults(List<PassDbSettings> passdbs, List<UserDbSettings> userdbs) {
        return new AuthSettings(null, null, null, null, null, null, true, null, 0, null, null, null, null, null,
                false, false, false, "no", false, false, passdbs, userdbs);
    }

    public AuthSettings withMechanisms(List<String> value) {
        return new AuthSettings(value, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withUsernames(String format, String realm, String chars, String translation) {
        return new AuthSettings(mechanisms, format, realm, realms, chars, translation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withPlaintext(boolean disable, List<IpNetwork> trusted) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disable, trusted, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withCache(long sizeBytes, Duration ttl, Duration negativeTtl) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, sizeBytes, ttl, negativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withFailureDelay(Duration value) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, value,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withMasterUserSeparator(String value) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                value, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withLogging(boolean verboseValue, boolean debugValue, boolean debugPasswordsValue) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verboseValue, debugValue, debugPasswordsValue, verbosePasswords, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withDbs(List<PassDbSettings> passdbValue, List<UserDbSettings> userdbValue) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, requireClientCert, usernameFromCert, passdbValue, userdbValue);
    }

    public AuthSettings withVerbosePasswords(String value) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, value, requireClientCert, usernameFromCert, passdbs, userdbs);
    }

    public AuthSettings withClientCerts(boolean require, boolean usernameFrom) {
        return new AuthSettings(mechanisms, usernameFormat, defaultRealm, realms, usernameChars, usernameTranslation,
                disablePlaintextAuth, loginTrustedNetworks, cacheSizeBytes, cacheTtl, cacheNegativeTtl, failureDelay,
                masterUserSeparator, anonymousUsername, verbose, debug, debugPasswords, verbosePasswords, require, usernameFrom, passdbs, userdbs);
    }

    public boolean isTrusted(ClientInfo client) {
        return client.trusted() || IpNetwork.anyContains(loginTrustedNetworks, client.remoteIp());
    }
}
