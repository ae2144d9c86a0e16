package org.loftmail.sieve.store;

/**
 * Why a script store operation failed. The {@link Reason} is what a protocol answers with (ManageSieve's response
 * codes, the admin CLI's exit status); the message is for the log only: it may name paths and must not be sent to a
 * client.
 */
public final class SieveStoreException extends Exception {

    /** What went wrong, as far as a client or administrator needs to know. */
    public enum Reason {
        /** The script name is not allowed (RFC 5804 section 1.6, Pigeonhole's rules, or reserved). */
        BAD_NAME,
        /** There is no script by that name. */
        NOT_FOUND,
        /** A script by the new name exists already (rename). */
        EXISTS,
        /** The script is active and cannot be deleted. */
        ACTIVE,
        /** The script is larger than {@code sieve_max_script_size}. */
        QUOTA_MAXSIZE,
        /** Storing it would exceed {@code sieve_quota_max_scripts}. */
        QUOTA_MAXSCRIPTS,
        /** Storing it would exceed {@code sieve_quota_max_storage}. */
        QUOTA_MAXSTORAGE,
        /** The storage cannot do this: personal scripts are disabled, or the location is a single read-only file. */
        NOT_POSSIBLE,
        /** The files could not be read or written (I/O error, a refused link, a file not the user's). */
        TEMPORARY
    }

    private final Reason reason;
    private final long limit;

    public SieveStoreException(Reason reason, String message) {
        this(reason, message, 0, null);
    }

    public SieveStoreException(Reason reason, String message, Throwable cause) {
        this(reason, message, 0, cause);
    }

    /** A quota failure with the limit that was hit (bytes or scripts), which Pigeonhole puts into its reply. */
    public SieveStoreException(Reason reason, String message, long limit, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.limit = limit;
    }

    public Reason reason() {
        return reason;
    }

    /** The limit a quota failure hit; 0 for other reasons. */
    public long limit() {
        return limit;
    }
}
