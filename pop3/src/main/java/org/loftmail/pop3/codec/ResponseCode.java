package org.loftmail.pop3.codec;

/** RFC 2449 / RFC 3206 extended response codes, and AUTH-RESP-CODE's [AUTH] (RFC 3206). */
public enum ResponseCode {
    IN_USE("IN-USE"),
    LOGIN_DELAY("LOGIN-DELAY"),
    SYS_TEMP("SYS/TEMP"),
    SYS_PERM("SYS/PERM"),
    AUTH("AUTH");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
