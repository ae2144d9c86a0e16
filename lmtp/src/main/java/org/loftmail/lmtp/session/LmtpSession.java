package org.loftmail.lmtp.session;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.log.MailLog;
import org.loftmail.lmtp.LmtpSettings;
import org.loftmail.lmtp.command.LmtpCommands;
import org.loftmail.lmtp.command.LmtpContext;
import org.loftmail.lmtp.delivery.DeliveryOutcome;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.smtp.codec.CommandLine;
import org.loftmail.smtp.codec.InputLine;
import org.loftmail.smtp.codec.ReplyWriter;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.Intake;
import org.loftmail.smtp.server.ServerLimits;
import org.loftmail.smtp.server.ServerState;
import org.loftmail.smtp.server.ServerTransaction;
import org.loftmail.smtp.server.SmtpFraming;
import org.loftmail.smtp.server.SpooledMessage;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;

/**
 * One LMTP connection (RFC 2033), the LMTP dialect of the smtp module's server transaction: commands go through
 * {@link LmtpCommands}; message data (DATA lines or BDAT chunks) goes into the {@link ServerTransaction}; at the
 * end of the data every accepted recipient gets its own reply, in RCPT order, sent as soon as that recipient's copy
 * is durably saved (or has failed).
 */
public final class LmtpSession implements Session, LmtpContext {

    /** Before a user is known, Dovecot's LMTP log prefix carries the process id: {@code lmtp(18407)}. */
    private static final MailLog LOG = MailLog.of("lmtp", Long.toString(ProcessHandle.current().pid()));

    private final Connection connection;
    private final LmtpSettings settings;
    private final MailDelivery delivery;
    private final ServerTransaction<DeliveryRecipient> transaction;
    private boolean quit;

    public LmtpSession(Connection connection, LmtpSettings settings, MailDelivery delivery) {
        this.connection = connection;
        this.settings = settings;
        this.delivery = delivery;
        this.transaction = new ServerTransaction<>(new ServerLimits(delivery.settings().tempDir(),
                delivery.settings().maxMessageSize(), settings.maxRecipients(), settings.maxLineLength()), LOG);
    }

    // ---- transport callbacks ----

    @Override
    public void start() {
        LOG.info("Connect from " + connection.remoteIp());
        connection.setMaxLineLength(SmtpFraming.transportLineLimit(settings.maxLineLength()));
        connection.setIdleTimeout(settings.idleTimeout());
        reply(SmtpReply.of(220, "", settings.hostname() + " " + settings.greeting()));
    }

    @Override
    public void onLine(byte[] line) {
        if (transaction.state() == ServerState.DATA) {
            conclude(transaction.dataLine(line));
            return;
        }
        if (InputLine.contentLength(line) > settings.maxLineLength()) {
            onLineTooLong();
            return;
        }
        LmtpCommands.TABLE.dispatch(this, CommandLine.parse(InputLine.withoutCr(line)));
    }

    @Override
    public void onLineTooLong() {
        if (transaction.state() == ServerState.DATA) {
            transaction.dataLineTooLong();
            return;
        }
        reply(SmtpReply.LINE_TOO_LONG);
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        conclude(transaction.chunk(chunk, last));
    }

    @Override
    public void onIdleTimeout(Connection c) {
        LOG.info("Disconnect from " + c.remoteIp() + ": Disconnected for inactivity (state="
                + transaction.state() + ")");
        quit = true;
        reply(SmtpReply.TIMEOUT);
        c.close();
    }

    @Override
    public void onClose() {
        // A client gone mid-DATA: nothing was delivered, the temp file goes.
        transaction.close();
        if (!quit) {
            LOG.info("Disconnect from " + connection.remoteIp() + ": Connection closed (state="
                    + transaction.state() + ")");
        }
    }

    // ---- the context commands see ----

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public LmtpSettings settings() {
        return settings;
    }

    @Override
    public MailDelivery delivery() {
        return delivery;
    }

    @Override
    public ServerTransaction<DeliveryRecipient> transaction() {
        return transaction;
    }

    @Override
    public void reply(SmtpReply reply) {
        connection.write(ReplyWriter.encode(reply));
        connection.flush();
    }

    @Override
    public void quit() {
        quit = true;
        LOG.info("Disconnect from " + connection.remoteIp() + ": Successful quit");
        reply(SmtpReply.BYE);
        connection.close();
    }

    // ---- the end of a message ----

    /**
     * What message data led to: nothing yet, a BDAT chunk's reply, or the end of the message (one reply per
     * recipient, each after that recipient's save is durable).
     */
    private void conclude(Intake<DeliveryRecipient> result) {
        switch (result) {
            case Intake.More<DeliveryRecipient> more -> { }
            case Intake.Answer<DeliveryRecipient> answer -> reply(answer.reply());
            case Intake.Refused<DeliveryRecipient> refused -> replyAll(refused.recipients(), refusal(refused.reason()));
            case Intake.Received<DeliveryRecipient> received -> {
                try (received) {
                    deliverAll(received);
                }
            }
        }
    }

    private Function<DeliveryRecipient, SmtpReply> refusal(Intake.Reason reason) {
        return switch (reason) {
            case SPOOL_FAILED -> r -> SmtpReply.of(451, "4.3.0", who(r) + " Temporary internal error");
            case TOO_BIG -> r -> SmtpReply.of(552, "5.3.4", who(r) + " Message too big for system");
            case LINE_TOO_LONG -> r -> SmtpReply.of(554, "5.6.0", who(r) + " Message has a line longer than "
                    + settings.maxLineLength() + " bytes");
        };
    }

    private static String who(DeliveryRecipient r) {
        return "<" + r.address().address() + ">";
    }

    private void deliverAll(Intake.Received<DeliveryRecipient> received) {
        int n = transaction.transactionCount();
        String id = n <= 1 ? connection.sessionId() : connection.sessionId() + ":" + n;
        Envelope envelope = new Envelope(received.sender(), transaction.heloName(), connection.remoteIp(),
                settings.hostname(), id, "lmtp", connection.isSecure(), Instant.now());
        SpooledMessage message = new SpooledMessage(received.spool());
        List<DeliveryRecipient> recipients = received.recipients();
        boolean single = recipients.size() == 1;
        for (DeliveryRecipient r : recipients) {
            DeliveryOutcome outcome = delivery.deliver(envelope, message, r, null, single);
            reply(OutcomeReplies.reply(r, outcome, id, delivery.settings().quotaExceededMessage()));
        }
    }

    private void replyAll(List<DeliveryRecipient> recipients, Function<DeliveryRecipient, SmtpReply> reply) {
        for (DeliveryRecipient r : recipients) {
            reply(reply.apply(r));
        }
    }
}
