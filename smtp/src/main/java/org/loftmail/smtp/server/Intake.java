package org.loftmail.smtp.server;

import java.util.List;
import org.loftmail.smtp.codec.SmtpReply;

/** What a piece of message data (a DATA line, a BDAT chunk's bytes) leads to. */
public sealed interface Intake<R> {

    /** Nothing to say yet: more data follows. */
    record More<R>() implements Intake<R> {
        private static final More<?> INSTANCE = new More<>();
    }

    /** The one {@link More} (it carries nothing; a DATA line must not cost an allocation). */
    @SuppressWarnings("unchecked")
    static <R> Intake<R> more() {
        return (Intake<R>) More.INSTANCE;
    }

    /** One reply, the transaction goes on (a BDAT chunk taken or refused; BDAT LAST without recipients). */
    record Answer<R>(SmtpReply reply) implements Intake<R> {}

    /**
     * The whole message arrived and is kept: the dialect delivers or relays it and answers. The receiver owns the
     * spool from here on and closes it (which deletes any temporary file).
     */
    record Received<R>(String sender, List<R> recipients, MessageSpool spool) implements Intake<R>, AutoCloseable {
        public Received {
            recipients = List.copyOf(recipients);
        }

        @Override
        public void close() {
            spool.close();
        }
    }

    /** The whole message arrived but cannot be taken; every recipient gets the same refusal. */
    record Refused<R>(Reason reason, List<R> recipients) implements Intake<R> {
        public Refused {
            recipients = List.copyOf(recipients);
        }
    }

    /** Why a message was refused after its data. */
    enum Reason {
        /** Writing the spool failed (disk full): try again later. */
        SPOOL_FAILED,
        /** Over the message size limit. */
        TOO_BIG,
        /** A line was longer than the limit, so its bytes were lost. */
        LINE_TOO_LONG
    }
}
