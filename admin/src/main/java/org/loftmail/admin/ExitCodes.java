package org.loftmail.admin;

/** doveadm's exit codes (sysexits.h), which scripts test. */
public final class ExitCodes {
    public static final int OK = 0;
    /** EX_USAGE: a bad command line, an unknown command. */
    public static final int USAGE = 64;
    /** EX_DATAERR: the request cannot be done with this data (mailbox already exists, bad search query). */
    public static final int DATAERR = 65;
    /** EX_NOUSER: the user doesn't exist. */
    public static final int NOUSER = 67;
    /** EX_NOHOST, used by doveadm for "not found": no such mailbox. */
    public static final int NOTFOUND = 68;
    /** EX_TEMPFAIL: storage or the server could not answer now. */
    public static final int TEMPFAIL = 75;
    /** EX_NOPERM: authentication failed, permission denied. */
    public static final int NOPERM = 77;
    /** EX_CONFIG: the configuration cannot be read. */
    public static final int CONFIG = 78;

    private ExitCodes() {}

    /** When several users or mailboxes fail, doveadm keeps the first error's code. */
    public static int worst(int current, int next) {
        return current != OK ? current : next;
    }
}
