package org.loftmail.auth.sasl;

/** Categories of SASL failure, as protocols and Dovecot's auth protocol ({@code code=}) tell them apart. */
public enum FailureKind {
    /** Wrong password, wrong proof or unknown user (deliberately not told apart to the client). */
    CREDENTIALS("", false),
    /** The client's message broke the mechanism's syntax or came at the wrong time. */
    MALFORMED("", false),
    /** A backend is down or slow: retry later ({@code code=temp_fail}). */
    TEMPORARY("temp_fail", true),
    /** The authentication identity may not use the authorization identity ({@code code=authz_fail}). */
    NOT_AUTHORIZED("authz_fail", false),
    /** The account is disabled ({@code code=user_disabled}). */
    USER_DISABLED("user_disabled", false),
    /** The password has expired ({@code code=pass_expired}). */
    PASSWORD_EXPIRED("pass_expired", false);

    private final String authProtocolCode;
    private final boolean temporary;

    FailureKind(String authProtocolCode, boolean temporary) {
        this.authProtocolCode = authProtocolCode;
        this.temporary = temporary;
    }

    /** The value of Dovecot's {@code FAIL ... code=} field, or empty when none is sent. */
    public String authProtocolCode() {
        return authProtocolCode;
    }

    public boolean temporary() {
        return temporary;
    }
}
