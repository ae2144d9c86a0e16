package org.loftmail.imap;

/** Lines a command in progress reads itself (IDLE's DONE, AUTHENTICATE's responses). */
public interface ContinuationHandler {

    /** The tag of the command in progress. */
    String tag();

    /** One client line; returns the completion when the command is over, null to keep reading. */
    Completion onLine(byte[] line) throws Exception;

    /** The connection went away in the middle. */
    default void abort() {}
}
