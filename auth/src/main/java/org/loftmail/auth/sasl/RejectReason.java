package org.loftmail.auth.sasl;

/** Why a passdb said no. Clients are told only "authentication failed" for the first two. */
public enum RejectReason {
    /** The user exists and the password (or proof) does not match. */
    PASSWORD_MISMATCH,
    /** No passdb knows the user. */
    UNKNOWN_USER,
    /** The user exists but may not log in ({@code nologin}, {@code deny}, {@code allow_nets}). */
    USER_DISABLED,
    /** The password has expired (PAM). */
    PASSWORD_EXPIRED,
    /** The authentication identity may not act as the requested authorization identity. */
    NOT_AUTHORIZED,
    /**
     * The passdb holds the password only in a scheme the mechanism cannot use (a SHA512-CRYPT hash
     * for CRAM-MD5), or the passdb cannot look up credentials at all (PAM).
     */
    SCHEME_UNAVAILABLE
}
