package org.loftmail.lmtp.session;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.loftmail.lmtp.LmtpSettings;
import org.loftmail.lmtp.codec.CommandLine;
import org.loftmail.lmtp.codec.DotUnstuffing;
import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.codec.ReplyWriter;
import org.loftmail.lmtp.command.LmtpCommands;
import org.loftmail.lmtp.delivery.DeliveryMessage;
import org.loftmail.lmtp.delivery.DeliveryOutcome;
import org.loftmail.lmtp.delivery.DeliveryRecipient;
import org.loftmail.lmtp.delivery.Envelope;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.lmtp.delivery.MessageSpool;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;
import org.loftmail.core.log.MailLog;

/**
 * One LMTP connection (RFC 2033): commands go through {@link LmtpCommands}; message data (DATA lines or BDAT
 * chunks) goes into a {@link MessageSpool}; at the end of the data every accepted recipient gets its own reply, in
 * RCPT order, sent as soon as that recipient's copy is durably saved (or has failed).
 */
public final class LmtpSession implements Session {

    /** Before a user is known, Dovecot's LMTP log prefix carries the process id: {@code lmtp(18407)}. */
    private static final MailLog LOG = MailLog.of("lmtp", Long.toString(ProcessHandle.current().pid()));
    private static final byte[] CRLF = {'\r', '\n'};

    private final Connection connection;
    private final LmtpSettings settings;
    private final MailDelivery delivery;
    private SessionState state = SessionState.GREETED;
    private String heloName = "";
    private MailTransaction transaction;
    private int transactions;
    private boolean quit;
    /** The BDAT chunk being read: its error reply (data is read and dropped), or null when it is kept. */
    private LmtpReply chunkError;
    private boolean chunkLast;
    private long chunkSize;

    public LmtpSession(Connection connection, LmtpSettings settings, MailDelivery delivery) {
        this.connection = connection;
        this.settings = settings;
        this.delivery = delivery;
    }

    // ---- transport callbacks ----

    @Override
    public void start() {
        LOG.info("Connect from " + connection.remoteIp());
        connection.setMaxLineLength(settings.maxLineLength());
        connection.setIdleTimeout(settings.idleTimeout());
        reply(LmtpReply.of(220, "", settings.hostname() + " " + settings.greeting()));
    }

    @Override
    public void onLine(byte[] line) {
        if (state == SessionState.DATA) {
            dataLine(line);
            return;
        }
        LmtpCommands.dispatch(this, CommandLine.parse(line));
    }

    @Override
    public void onLineTooLong() {
        if (state == SessionState.DATA) {
            // The line's bytes are gone: this message can no longer be delivered whole.
            transaction.lineTooLong(true);
            return;
        }
        reply(LmtpReply.LINE_TOO_LONG);
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        if (chunkError == null && !transaction.spoolFailed()) {
            try {
                transaction.spool().write(chunk);
            } catch (IOException e) {
                LOG.error("spooling BDAT data failed: " + e.getMessage());
                transaction.spoolFailed(true);
            }
        }
        if (!last) {
            return;
        }
        if (chunkError != null) {
            LmtpReply error = chunkError;
            chunkError = null;
            if (transaction != null && transaction.chunked()) {
                transaction.failedChunk(true);
                transaction.discardMessage();
            }
            reply(error);
            return;
        }
        if (chunkLast) {
            finishMessage();
        } else if (transaction.spoolFailed()) {
            transaction.failedChunk(true);
            transaction.discardMessage();
            reply(LmtpReply.of(451, "4.3.0", "Temporary internal error"));
        } else if (transaction.spool().tooBig()) {
            transaction.failedChunk(true);
            transaction.discardMessage();
            reply(LmtpReply.TOO_BIG);
        } else {
            reply(LmtpReply.of(250, "2.0.0", "Added " + chunkSize + " octets"));
        }
    }

    @Override
    public void onIdleTimeout(Connection c) {
        LOG.info("Disconnect from " + c.remoteIp() + ": Disconnected for inactivity (state=" + state + ")");
        quit = true;
        reply(LmtpReply.TIMEOUT);
        c.close();
    }

    @Override
    public void onClose() {
        if (transaction != null) {
            // A client gone mid-DATA: nothing was delivered, the temp file goes.
            transaction.discardMessage();
        }
        if (!quit) {
            LOG.info("Disconnect from " + connection.remoteIp() + ": Connection closed (state=" + state + ")");
        }
    }

    // ---- for commands ----

    public Connection connection() {
        return connection;
    }

    public LmtpSettings settings() {
        return settings;
    }

    public MailDelivery delivery() {
        return delivery;
    }

    public SessionState state() {
        return state;
    }

    public void reply(LmtpReply reply) {
        connection.write(ReplyWriter.encode(reply));
        connection.flush();
    }

    public void lhlo(String name) {
        discardTransaction();
        heloName = name;
        state = SessionState.READY;
    }

    /** STARTTLS: everything about the client is forgotten, LHLO comes again. */
    public void resetForTls() {
        discardTransaction();
        heloName = "";
        state = SessionState.GREETED;
    }

    public void beginTransaction(String sender, long sizeHint) {
        transaction = new MailTransaction(sender, sizeHint);
        transactions++;
        state = SessionState.TRANSACTION;
    }

    public MailTransaction transaction() {
        return transaction;
    }

    /** RSET, or a new LHLO: drop the transaction and any message data. */
    public void discardTransaction() {
        if (transaction != null) {
            transaction.discardMessage();
            transaction = null;
        }
        if (state != SessionState.GREETED) {
            state = SessionState.READY;
        }
    }

    public void quit() {
        quit = true;
        LOG.info("Disconnect from " + connection.remoteIp() + ": Successful quit");
        reply(LmtpReply.BYE);
        connection.close();
    }

    /** DATA accepted: 354, then lines until the dot. */
    public void beginData() {
        transaction.spool(new MessageSpool(delivery.settings().tempDir(), delivery.settings().maxMessageSize()));
        state = SessionState.DATA;
        reply(LmtpReply.START_DATA);
    }

    /**
     * A BDAT command was parsed: read {@code size} raw bytes. {@code error} non-null means the chunk is read and
     * dropped and {@code error} is the reply.
     */
    public void beginChunk(long size, boolean last, LmtpReply error) {
        chunkSize = size;
        chunkLast = last;
        chunkError = error;
        if (error == null) {
            transaction.chunked(true);
            if (transaction.spool() == null) {
                transaction.spool(new MessageSpool(delivery.settings().tempDir(),
                        delivery.settings().maxMessageSize()));
            }
            state = SessionState.CHUNKING;
        }
        connection.readRaw(size);
    }

    // ---- message data ----

    private void dataLine(byte[] line) {
        if (DotUnstuffing.isEnd(line)) {
            finishMessage();
            return;
        }
        if (transaction.spoolFailed()) {
            return; // read on to the dot, then 451 for everyone
        }
        MessageSpool spool = transaction.spool();
        try {
            int skip = DotUnstuffing.skip(line);
            spool.write(line, skip, line.length - skip);
            spool.write(CRLF);
        } catch (IOException e) {
            LOG.error("spooling DATA failed: " + e.getMessage());
            transaction.spoolFailed(true);
        }
    }

    /** The final dot or BDAT LAST: one reply per recipient, each after that recipient's save is durable. */
    private void finishMessage() {
        MailTransaction t = transaction;
        MessageSpool spool = t.spool();
        List<DeliveryRecipient> recipients = t.recipients();
        try {
            spool.finish();
            if (t.spoolFailed()) {
                replyAll(recipients, r -> LmtpReply.of(451, "4.3.0", "<" + r.address().address()
                        + "> Temporary internal error"));
            } else if (spool.tooBig()) {
                replyAll(recipients, r -> LmtpReply.of(552, "5.3.4", "<" + r.address().address()
                        + "> Message too big for system"));
            } else if (t.lineTooLong()) {
                replyAll(recipients, r -> LmtpReply.of(554, "5.6.0", "<" + r.address().address()
                        + "> Message has a line longer than " + settings.maxLineLength() + " bytes"));
            } else if (recipients.isEmpty()) {
                reply(LmtpReply.NO_RECIPIENTS); // BDAT LAST without a recipient
            } else {
                deliverAll(t, spool);
            }
        } catch (IOException e) {
            LOG.error("finishing the message failed: " + e.getMessage());
            replyAll(recipients, r -> LmtpReply.of(451, "4.3.0", "<" + r.address().address()
                    + "> Temporary internal error"));
        } finally {
            t.discardMessage();
            transaction = null;
            state = SessionState.READY;
        }
    }

    private void deliverAll(MailTransaction t, MessageSpool spool) {
        String id = transactions <= 1 ? connection.sessionId() : connection.sessionId() + ":" + transactions;
        Envelope envelope = new Envelope(t.sender(), heloName, connection.remoteIp(), settings.hostname(), id,
                "lmtp", connection.isSecure(), Instant.now());
        DeliveryMessage message = new DeliveryMessage(spool);
        boolean single = t.recipients().size() == 1;
        for (DeliveryRecipient r : t.recipients()) {
            DeliveryOutcome outcome = delivery.deliver(envelope, message, r, null, single);
            reply(OutcomeReplies.reply(r, outcome, id, delivery.settings().quotaExceededMessage()));
        }
    }

    private void replyAll(List<DeliveryRecipient> recipients, java.util.function.Function<DeliveryRecipient,
            LmtpReply> reply) {
        for (DeliveryRecipient r : recipients) {
            reply(reply.apply(r));
        }
    }
}
