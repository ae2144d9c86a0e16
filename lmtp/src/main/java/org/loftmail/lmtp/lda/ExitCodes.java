package org.loftmail.lmtp.lda;

/** sysexits.h, as dovecot-lda and Postfix's pipe(8) use them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Bad command line. */
    public static final int USAGE = 64;
    /** The message itself is unusable. */
    public static final int DATAERR = 65;
    /** -p file missing. */
    public static final int NOINPUT = 66;
    /** No such user: the MTA bounces. */
    public static final int NOUSER = 67;
    /** Internal error. */
    public static final int SOFTWARE = 70;
    /** Try again later: the MTA keeps the message queued. */
    public static final int TEMPFAIL = 75;
    /** Refused for good (over quota, rejected) with -e: the MTA bounces with our stderr text. */
    public static final int NOPERM = 77;

    private ExitCodes() {}
}
