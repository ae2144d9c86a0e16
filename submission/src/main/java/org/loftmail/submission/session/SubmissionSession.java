package org.loftmail.submission.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.log.MailLog;
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
import org.loftmail.submission.SubmissionService;
import org.loftmail.submission.SubmissionSettings;
import org.loftmail.submission.command.SaslDialog;
import org.loftmail.submission.command.SubmissionCommands;
import org.loftmail.submission.command.SubmissionContext;
import org.loftmail.submission.command.SubmissionReplies;
import org.loftmail.submission.login.LoginRecord;
import org.loftmail.submission.login.SenderPolicy;
import org.loftmail.submission.message.PrefixedMessage;
import org.loftmail.submission.message.SubmissionHeaders;
import org.loftmail.submission.relay.ClientFacts;
import org.loftmail.submission.relay.Outbound;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;

/**
 * One submission connection (RFC 6409): the login phase (EHLO, STARTTLS, AUTH; nothing else is accepted before
 * AUTH), then mail transactions whose every step is answered by the {@link Outbound} (the relay MTA, or the local
 * delivery). Message data goes into the shared {@link ServerTransaction}; at its end the message gets submission's
 * header fields and goes out, and the client hears the outbound side's reply to it. Runs on the transport's serial
 * executor, one line at a time, on a virtual thread (the relay client blocks).
 */
public final class SubmissionSession implements Session, SubmissionContext {

    private final SubmissionService service;
    private final SubmissionSettings settings;
    private final Connection connection;
    private final ServerTransaction<String> transaction;
    private final LoginRecord login;
    private final MailLog loginLog = MailLog.of("submission-login");
    private MailLog log = loginLog;
    private String user;
    private SenderPolicy senderPolicy = SenderPolicy.unrestricted();
    private Outbound outbound;
    private SaslDialog sasl;
    private boolean oldHelo;
    private String userIpKey;
    private int badCommands;
    private int commandCount;
    private int replyCount;
    private String lastTransactionId = "";
    private boolean ended;

    public SubmissionSession(SubmissionService service, Connection connection) {
        this.service = service;
        this.settings = service.settings();
        this.connection = connection;
        this.login = new LoginRecord(connection);
        this.transaction = new ServerTransaction<>(new ServerLimits(settings.tempDir(), settings.maxMailSize(),
                settings.maxRecipients() == 0 ? Integer.MAX_VALUE : settings.maxRecipients(),
                settings.maxLineLength()), loginLog);
        this.outbound = NoOutbound.INSTANCE;
    }

    // ---- transport callbacks ----

    @Override
    public void start() {
        connection.setMaxLineLength(SmtpFraming.transportLineLimit(settings.maxLineLength()));
        connection.setIdleTimeout(settings.loginTimeout());
        reply(SmtpReply.of(220, "", settings.hostname() + " " + settings.greeting()));
    }

    @Override
    public void onLine(byte[] line) {
        if (ended) {
            return;
        }
        if (transaction.state() == ServerState.DATA) {
            conclude(transaction.dataLine(line));
            return;
        }
        if (InputLine.contentLength(line) > settings.maxLineLength()) {
            onLineTooLong();
            return;
        }
        byte[] text = InputLine.withoutCr(line);
        if (sasl != null) {
            SaslDialog dialog = sasl;
            sasl = null;
            dialog.onResponse(text);
            return;
        }
        CommandLine command = CommandLine.parse(text);
        commandCount++;
        if (user == null && needsLogin(command.verb())) {
            reply(SubmissionReplies.AUTH_REQUIRED);
            if (command.verb().equals("BDAT")) {
                // its bytes follow and would have to be read to find the next command: not for an anonymous client
                close("BDAT before authentication");
            }
            return;
        }
        if (user != null && command.verb().equals("STARTTLS")) {
            // RFC 3207 section 4.2 would make the server forget the login; Dovecot's logged-in session has no TLS
            // to start, and neither does Loft's
            reply(SubmissionReplies.STARTTLS_AFTER_AUTH);
            return;
        }
        if (command.verb().equals("BDAT") && chunkOverLimit(command.arguments())) {
            return;
        }
        SubmissionCommands.TABLE.dispatch(this, command);
    }

    private static boolean needsLogin(String verb) {
        return switch (verb) {
            case "MAIL", "RCPT", "DATA", "BDAT" -> true;
            default -> false;
        };
    }

    /**
     * A BDAT chunk announced larger than the whole message may be is refused before its bytes arrive, and the
     * connection closed: reading gigabytes only to drop them helps nobody (RFC 3030 leaves no other way to find
     * the next command).
     */
    private boolean chunkOverLimit(String arguments) {
        String size = arguments.trim().split(" +")[0];
        if (settings.maxMailSize() == 0 || !size.matches("\\d{1,18}")) {
            return false;
        }
        if (Long.parseLong(size) <= settings.maxMailSize()) {
            return false;
        }
        reply(SmtpReply.TOO_BIG);
        close("BDAT chunk over submission_max_mail_size");
        return true;
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
        reply(SmtpReply.TIMEOUT);
        close(user == null ? "Inactivity during authentication" : "Inactivity - no input for "
                + settings.idleTimeout().toSeconds() + " secs");
    }

    @Override
    public void onClose() {
        // a client gone mid-DATA: nothing was relayed, the temp file goes
        transaction.close();
        if (!ended) {
            ended = true;
            logDisconnect("Connection closed");
        }
        release();
    }

    // ---- the context commands see ----

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public SubmissionSettings settings() {
        return settings;
    }

    @Override
    public AuthService auth() {
        return service.auth();
    }

    @Override
    public ServerTransaction<String> transaction() {
        return transaction;
    }

    @Override
    public LoginRecord login() {
        return login;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public SenderPolicy senderPolicy() {
        return senderPolicy;
    }

    @Override
    public Outbound outbound() {
        return outbound;
    }

    @Override
    public void oldHelo(boolean old) {
        oldHelo = old;
    }

    @Override
    public void awaitSasl(SaslDialog dialog) {
        sasl = dialog;
    }

    @Override
    public ClientInfo clientInfo() {
        InetSocketAddress local = connection.localAddress() instanceof InetSocketAddress l ? l : null;
        InetSocketAddress remote = connection.remoteAddress() instanceof InetSocketAddress r ? r : null;
        return new ClientInfo("smtp",
                local == null ? null : local.getAddress(), local == null ? 0 : local.getPort(),
                remote == null ? null : remote.getAddress(), remote == null ? 0 : remote.getPort(),
                connection.isSecure(), false, null, connection.sessionId());
    }

    @Override
    public ClientFacts clientFacts() {
        return new ClientFacts(user == null ? "" : user, transaction.heloName(), connection.remoteIp(),
                connection.remotePort(), connection.isSecure(), connection.sessionId());
    }

    @Override
    public void reply(SmtpReply reply) {
        connection.write(ReplyWriter.encode(reply));
        connection.flush();
        replyCount++;
        if (reply.code() == 500 || reply.code() == 501 || reply.code() == 503) {
            if (++badCommands >= settings.maxBadCommands() && !ended) {
                connection.write(ReplyWriter.encode(SubmissionReplies.TOO_MANY_BAD_COMMANDS));
                close("Too many invalid commands");
            }
        } else if (reply.positive()) {
            badCommands = 0;
        }
    }

    @Override
    public void quit() {
        reply(SmtpReply.BYE);
        close(user == null ? "Aborted login by logging out" : "Logged out");
    }

    /**
     * After a successful authentication: the userdb lookup (the user's canonical name and its
     * {@code submission_sender} field), mail_max_userip_connections, then 235. Any failure after the password was
     * accepted is answered and ends the connection, as in Dovecot.
     */
    @Override
    public void loggedIn(AuthResult.Success success, String mechanism) {
        ClientInfo client = clientInfo();
        UserLookup lookup = service.auth().lookupUser(client, success);
        if (!(lookup instanceof UserLookup.Found found)) {
            loginLog.error("user " + MailLog.sanitize(success.user()) + ": userdb lookup failed: " + lookup);
            reply(SubmissionReplies.AUTH_TEMPFAIL);
            close("userdb lookup failed");
            return;
        }
        String name = found.info().user();
        String key = name + "/" + connection.remoteIp();
        if (!service.userIpConnections().tryAcquire(key)) {
            loginLog.info("Login: " + login.describeLogin(name, mechanism));
            reply(SubmissionReplies.USERIP_LIMIT);
            log = MailLog.of("submission", name);
            close("Maximum number of connections from user+IP exceeded (mail_max_userip_connections="
                    + settings.maxUserIpConnections() + ")");
            return;
        }
        userIpKey = key;
        user = name;
        senderPolicy = SenderPolicy.of(found.info().field(SenderPolicy.FIELD));
        loginLog.info("Login: " + login.describeLogin(name, mechanism));
        log = MailLog.of("submission", name);
        outbound = service.outboundFor(log);
        connection.setIdleTimeout(settings.idleTimeout());
        badCommands = 0;
        reply(SubmissionReplies.LOGGED_IN);
    }

    // ---- the end of a message ----

    private void conclude(Intake<String> result) {
        switch (result) {
            case Intake.More<String> more -> { }
            case Intake.Answer<String> answer -> reply(answer.reply());
            case Intake.Refused<String> refused -> {
                outbound.reset();
                reply(refusal(refused.reason()));
            }
            case Intake.Received<String> received -> {
                try (received) {
                    send(received);
                }
            }
        }
    }

    private SmtpReply refusal(Intake.Reason reason) {
        return switch (reason) {
            case SPOOL_FAILED -> SmtpReply.of(451, "4.3.0", "Temporary internal error");
            case TOO_BIG -> SmtpReply.TOO_BIG;
            case LINE_TOO_LONG -> SmtpReply.of(554, "5.6.0", "Message has a line longer than "
                    + settings.maxLineLength() + " bytes");
        };
    }

    /** Adds submission's header fields, hands the message to the outbound side, and passes its reply on. */
    private void send(Intake.Received<String> received) {
        int n = transaction.transactionCount();
        String id = n <= 1 ? connection.sessionId() : connection.sessionId() + ":" + n;
        lastTransactionId = id;
        SpooledMessage spooled = new SpooledMessage(received.spool());
        Instant now = Instant.now();
        byte[] prefix;
        try {
            SubmissionHeaders.Trace trace = settings.addReceivedHeader()
                    ? new SubmissionHeaders.Trace(transaction.heloName(), oldHelo, connection.remoteIp(),
                            settings.hostname(), id, received.sender(), connection.isSecure(), true, now)
                    : null;
            prefix = SubmissionHeaders.build(trace, spooled.header(), settings.hostname(), now);
        } catch (IOException e) {
            log.error("Reading the message header failed: " + e.getMessage());
            outbound.reset();
            reply(SmtpReply.of(451, "4.3.0", "Temporary internal error"));
            return;
        }
        PrefixedMessage message = new PrefixedMessage(prefix, spooled);
        SmtpReply reply = outbound.data(message, clientFacts());
        if (reply.positive()) {
            log.info("Successfully relayed message: from=<" + MailLog.sanitize(received.sender()) + ">, size="
                    + message.size() + ", id=" + id + ", nrcpt=" + received.recipients().size() + ", reply=`"
                    + MailLog.sanitize(reply.summary()) + "'");
        } else {
            log.info("Failed to relay message: from=<" + MailLog.sanitize(received.sender()) + ">, size="
                    + message.size() + ", id=" + id + ", nrcpt=" + received.recipients().size() + ", reply=`"
                    + MailLog.sanitize(reply.summary()) + "'");
        }
        reply(reply);
    }

    // ---- the end of the connection ----

    private void close(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        logDisconnect(reason);
        release();
        connection.close();
    }

    private void logDisconnect(String reason) {
        if (user == null) {
            loginLog.info("Disconnected: " + reason + " " + login.describe());
        } else {
            log.info("Disconnected: " + reason + " " + LogoutFormat.expand(settings.logoutFormat(), connection,
                    new LogoutFormat.Counts(commandCount, replyCount, lastTransactionId)));
        }
    }

    private void release() {
        Outbound out = outbound;
        outbound = NoOutbound.INSTANCE;
        out.close();
        if (userIpKey != null) {
            service.userIpConnections().release(userIpKey);
            userIpKey = null;
        }
    }
}
