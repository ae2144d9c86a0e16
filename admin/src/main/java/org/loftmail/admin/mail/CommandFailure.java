package org.loftmail.admin.mail;

/** A failure a command reports in doveadm's words, with doveadm's exit code for it. */
public final class CommandFailure extends Exception {
    private final int exitCode;

    public CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
