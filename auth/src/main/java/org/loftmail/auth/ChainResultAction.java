package org.loftmail.auth;

import java.util.Locale;

/**
 * What a passdb/userdb chain does after one step: Dovecot's result_success, result_failure and
 * result_internalfail values.
 */
public enum ChainResultAction {
    RETURN("return"),
    RETURN_OK("return-ok"),
    RETURN_FAIL("return-fail"),
    CONTINUE("continue"),
    CONTINUE_OK("continue-ok"),
    CONTINUE_FAIL("continue-fail");

    private final String configName;

    ChainResultAction(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean continues() {
        return this == CONTINUE || this == CONTINUE_OK || this == CONTINUE_FAIL;
    }

    public static ChainResultAction parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ChainResultAction a : values()) {
            if (a.configName.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown result action '" + text
                + "' (expected return, return-ok, return-fail, continue, continue-ok or continue-fail)");
    }
}
