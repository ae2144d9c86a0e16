package org.loftmail.transport.literal;

/**
 * A command that takes its literals as they arrive instead of in memory (IMAP APPEND and later CATENATE,
 * ManageSieve PUTSCRIPT): it decides on each literal, receives its data in pieces, reads the line that follows each
 * literal, and answers the command itself.
 */
public interface LiteralStream {

    /**
     * A literal of this command was announced. True to read it (its data comes to {@link #data}); false to refuse
     * it: a non-synchronising one is then read and dropped and the next line still comes to
     * {@link #lineAfterLiteral}, a synchronising one ends the command through {@link #refusedBeforeData}.
     */
    boolean accept(LiteralAnnouncement literal);

    /** A piece of an accepted literal, in order; {@code last} on the piece that completes it. */
    void data(byte[] chunk, boolean last) throws InterruptedException;

    /** The line after a literal (taken or dropped): the end of the command or the part up to its next literal. */
    StreamStep lineAfterLiteral(byte[] line);

    /** A synchronising literal was refused, so the client sends nothing more of the command: answer it now. */
    void refusedBeforeData();

    /** The command is abandoned in the middle (the connection went away, an over-long line): drop partial work. */
    void abort();

    /** What {@link #lineAfterLiteral} found. */
    sealed interface StreamStep {

        /** The command is over; the stream has answered it. */
        record Done() implements StreamStep {}

        /** The line ends with the announcement of the command's next literal. */
        record Next(LiteralAnnouncement literal) implements StreamStep {}

        /** The line is wrong: the command ends with {@code answer} (after dropping a literal the line announced). */
        record Refuse(Runnable answer) implements StreamStep {}
    }
}
