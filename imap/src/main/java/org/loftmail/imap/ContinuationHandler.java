package org.loftmail.imap;

/** Lines a command in progress reads itself (IDLE's DONE, AUTHENTICATE's responses). */
public interface ContinuationHandler {

    /** The tag of the command in progress. */
    String tag();

    /** One client line; returns the completion when the command is over, null to keep reading. */
    Completion onLine(byte[] line) throws Exception;

    /**
     * A line longer than {@code imap_max_line_length} arrived instead (its bytes are dropped): the completion that
     * ends the command, or null to keep reading lines (the session then answers with an untagged BAD).
     */
    default Completion onLineTooLong() {
        return null;
    }

    /** The connection went away in the middle. */
    default void abort() {}

    /** What the log's {@code Disconnected:} line says when the connection closes while this command goes on. */
    default String disconnectedReason() {
        return "Connection closed";
    }
}
