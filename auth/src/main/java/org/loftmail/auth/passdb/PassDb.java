package org.loftmail.auth.passdb;

import org.loftmail.auth.AuthRequest;

/**
 * A password database driver. Calls block (JDBC, PAM, file reads) and run on virtual threads;
 * a driver that can't answer returns {@link PassDbResult.Status#INTERNAL_FAILURE}, never a
 * mismatch, and never throws for a bad or unknown user.
 */
public interface PassDb extends AutoCloseable {

    /** The driver name as used in configuration and log lines (passwd-file, sql, pam…). */
    String driverName();

    /** Checks the plaintext password of {@code request.user()}. */
    PassDbResult verifyPlain(AuthRequest request, String password);

    /**
     * Looks the user up without checking a password: the stored credentials (for challenge
     * mechanisms such as CRAM-MD5/SCRAM, and for master/deny checks) and the extra fields.
     * Drivers that can't do this (PAM) return SCHEME_NOT_AVAILABLE.
     */
    PassDbResult lookupCredentials(AuthRequest request);

    @Override
    default void close() {}
}
