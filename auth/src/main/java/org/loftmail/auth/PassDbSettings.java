package org.loftmail.auth;

import java.util.Locale;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * One {@code passdb { }} block.
 *
 * @param driver             passwd-file, pam, shadow, sql, static
 * @param args               the driver's args string, as written (templates not yet expanded)
 * @param defaultFields      fields added unless the driver returns them ({@code key=value …})
 * @param overrideFields     fields that replace what the driver returns
 * @param skip               never, authenticated or unauthenticated
 * @param resultSuccess      action on success (default return-ok)
 * @param resultFailure      action on failure (default continue)
 * @param resultInternalfail action on an internal failure (default continue)
 * @param deny               a match in this passdb refuses the login
 * @param master             this passdb authenticates master users (user*master)
 * @param pass               for a master passdb: the target user must also exist in a regular passdb
 * @param mechanisms         only use this passdb for these SASL mechanisms (empty: all)
 * @param usernameFilter     only use it for user names matching these globs ({@code *@example.com !admin@*})
 * @param verbose            this passdb's auth_verbose: null follows the global setting
 */
public record PassDbSettings(
        String driver,
        String args,
        String defaultFields,
        String overrideFields,
        Skip skip,
        ChainResultAction resultSuccess,
        ChainResultAction resultFailure,
        ChainResultAction resultInternalfail,
        boolean deny,
        boolean master,
        boolean pass,
        java.util.List<String> mechanisms,
        String usernameFilter,
        Boolean verbose) {

    /** When a passdb is skipped. */
    public enum Skip {
        NEVER, AUTHENTICATED, UNAUTHENTICATED;

        public static Skip parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "never", "" -> NEVER;
                case "authenticated" -> AUTHENTICATED;
                case "unauthenticated" -> UNAUTHENTICATED;
                default -> throw new IllegalArgumentException(
                        "passdb skip must be never, authenticated or unauthenticated, not '" + text + "'");
            };
        }
    }

    public PassDbSettings {
        Objects.requireNonNull(driver, "driver");
        if (driver.isBlank()) {
            throw new InvalidSettingException("driver", "passdb driver missing");
        }
        args = args == null ? "" : args;
        defaultFields = defaultFields == null ? "" : defaultFields;
        overrideFields = overrideFields == null ? "" : overrideFields;
        skip = skip == null ? Skip.NEVER : skip;
        resultSuccess = resultSuccess == null ? ChainResultAction.RETURN_OK : resultSuccess;
        resultFailure = resultFailure == null ? ChainResultAction.CONTINUE : resultFailure;
        resultInternalfail = resultInternalfail == null ? ChainResultAction.CONTINUE : resultInternalfail;
        mechanisms = mechanisms == null ? java.util.List.of()
                : mechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        usernameFilter = usernameFilter == null ? "" : usernameFilter.trim();
        if (deny && master) {
            throw new InvalidSettingException("deny", "passdb can't be both deny and master");
        }
    }

    /** A plain passdb with Dovecot's defaults. */
    public static PassDbSettings of(String driver, String args) {
        return new PassDbSettings(driver, args, "", "", Skip.NEVER, null, null, null, false, false, false, null, null, null);
    }

    public PassDbSettings withDeny(boolean value) {
        return new PassDbSettings(driver, args, defaultFields, overrideFields, skip, resultSuccess, resultFailure, resultInternalfail, value, master, pass, mechanisms, usernameFilter, verbose);
    }

    public PassDbSettings withMaster(boolean value, boolean passToo) {
        return new PassDbSettings(driver, args, defaultFields, overrideFields, skip, resultSuccess, resultFailure, resultInternalfail, deny, value, passToo, mechanisms, usernameFilter, verbose);
    }

    public PassDbSettings withResults(ChainResultAction success, ChainResultAction failure, ChainResultAction internalfail) {
        return new PassDbSettings(driver, args, defaultFields, overrideFields, skip, success, failure, internalfail, deny, master, pass, mechanisms, usernameFilter, verbose);
    }

    public PassDbSettings withSkip(Skip value) {
        return new PassDbSettings(driver, args, defaultFields, overrideFields, value, resultSuccess, resultFailure, resultInternalfail, deny, master, pass, mechanisms, usernameFilter, verbose);
    }

    public PassDbSettings withFilters(java.util.List<String> mechanismList, String filter, Boolean verboseValue) {
        return new PassDbSettings(driver, args, defaultFields, overrideFields, skip, resultSuccess, resultFailure, resultInternalfail, deny, master, pass, mechanismList, filter, verboseValue);
    }

    /** Whether this passdb applies to a user name, by username_filter (globs, '!' negates). */
    public boolean matchesUsername(String user) {
        if (usernameFilter.isEmpty()) {
            return true;
        }
        boolean anyPositive = false;
        boolean positiveMatch = false;
        for (String pattern : usernameFilter.split("[\\s,]+")) {
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("!")) {
                if (glob(pattern.substring(1), user)) {
                    return false;
                }
            } else {
                anyPositive = true;
                positiveMatch |= glob(pattern, user);
            }
        }
        return !anyPositive || positiveMatch;
    }

    private static boolean glob(String pattern, String text) {
        // a wildcard matcher, never a regular expression: the text is the name the client sent (issue 20)
        return org.loftmail.core.text.WildcardMatcher.glob(pattern).matches(text);
    }

    public PassDbSettings withFields(String defaults, String overrides) {
        return new PassDbSettings(driver, args, defaults, overrides, skip, resultSuccess, resultFailure, resultInternalfail, deny, master, pass, mechanisms, usernameFilter, verbose);
    }
}
