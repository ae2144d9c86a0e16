package org.loftmail.auth;

import java.util.Locale;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * One {@code userdb { }} block.
 *
 * @param driver             passwd, passwd-file, sql, static, prefetch
 * @param args               the driver's args string, as written
 * @param defaultFields      fields added unless the driver returns them
 * @param overrideFields     fields that replace what the driver returns (templates allowed)
 * @param skip               never, found or notfound
 * @param resultSuccess      action on success (default return-ok)
 * @param resultFailure      action when the user is not found (default continue)
 * @param resultInternalfail action on an internal failure (default continue)
 * @param verbose            this userdb's auth_verbose: null follows the global setting
 */
public record UserDbSettings(
        String driver,
        String args,
        String defaultFields,
        String overrideFields,
        Skip skip,
        ChainResultAction resultSuccess,
        ChainResultAction resultFailure,
        ChainResultAction resultInternalfail,
        Boolean verbose) {

    /** When a userdb is skipped. */
    public enum Skip {
        NEVER, FOUND, NOTFOUND;

        public static Skip parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "never", "" -> NEVER;
                case "found" -> FOUND;
                case "notfound" -> NOTFOUND;
                default -> throw new IllegalArgumentException(
                        "userdb skip must be never, found or notfound, not '" + text + "'");
            };
        }
    }

    public UserDbSettings {
        Objects.requireNonNull(driver, "driver");
        if (driver.isBlank()) {
            throw new InvalidSettingException("driver", "userdb driver missing");
        }
        args = args == null ? "" : args;
        defaultFields = defaultFields == null ? "" : defaultFields;
        overrideFields = overrideFields == null ? "" : overrideFields;
        skip = skip == null ? Skip.NEVER : skip;
        resultSuccess = resultSuccess == null ? ChainResultAction.RETURN_OK : resultSuccess;
        resultFailure = resultFailure == null ? ChainResultAction.CONTINUE : resultFailure;
        resultInternalfail = resultInternalfail == null ? ChainResultAction.CONTINUE : resultInternalfail;
    }

    public static UserDbSettings of(String driver, String args) {
        return new UserDbSettings(driver, args, "", "", Skip.NEVER, null, null, null, null);
    }

    public UserDbSettings withVerbose(Boolean value) {
        return new UserDbSettings(driver, args, defaultFields, overrideFields, skip, resultSuccess, resultFailure, resultInternalfail, value);
    }

    public UserDbSettings withFields(String defaults, String overrides) {
        return new UserDbSettings(driver, args, defaults, overrides, skip, resultSuccess, resultFailure, resultInternalfail, verbose);
    }

    public UserDbSettings withSkip(Skip value) {
        return new UserDbSettings(driver, args, defaultFields, overrideFields, value, resultSuccess, resultFailure, resultInternalfail, verbose);
    }

    public UserDbSettings withResults(ChainResultAction success, ChainResultAction failure, ChainResultAction internalfail) {
        return new UserDbSettings(driver, args, defaultFields, overrideFields, skip, success, failure, internalfail, verbose);
    }
}
