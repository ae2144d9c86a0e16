package org.loftmail.smtp.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.loftmail.core.log.MailLog;
import org.loftmail.smtp.codec.DataReader;
import org.loftmail.smtp.codec.InputLine;
import org.loftmail.smtp.codec.Orcpt;
import org.loftmail.smtp.codec.PathArgument;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.codec.SyntaxException;

/**
 * The server side of the mail transactions on one connection (RFC 5321 section 3.3, RFC 3030 BDAT), shared by
 * LMTP and submission: the hello name, MAIL with SIZE and BODY, the recipient list with its limit, DATA lines
 * (dot-unstuffed, ended only by {@code <CRLF>.<CRLF>}) and BDAT chunks spooled into a {@link MessageSpool}, RSET.
 * It knows nothing of I/O or of what happens to a message: the dialect checks recipients (type {@code R}), and
 * delivers or relays what {@link Intake.Received} hands it. The command table enforces the states; the methods
 * here assume the state the table allowed them in.
 */
public final class ServerTransaction<R> implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final ServerLimits limits;
    private final MailLog log;
    private ServerState state = ServerState.GREETED;
    private String heloName = "";
    private int transactions;

    // the current transaction (MAIL given); null outside one
    private String sender;
    private long sizeHint;
    private final List<R> recipients = new ArrayList<>();
    private MessageSpool spool;
    private DataReader dataReader;
    private boolean chunked;
    private boolean failedChunk;
    private boolean lineTooLong;
    private boolean spoolFailed;

    // the BDAT chunk being read: its error reply (bytes are read and dropped), or null when they are kept
    private SmtpReply chunkError;
    private boolean chunkLast;
    private long chunkSize;

    public ServerTransaction(ServerLimits limits, MailLog log) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.log = Objects.requireNonNull(log, "log");
    }

    public ServerLimits limits() {
        return limits;
    }

    public ServerState state() {
        return state;
    }

    /** The EHLO/LHLO name ("" before one). */
    public String heloName() {
        return heloName;
    }

    /** Transactions begun on this connection (for per-message session ids). */
    public int transactionCount() {
        return transactions;
    }

    public String sender() {
        return sender;
    }

    /** MAIL's SIZE parameter (0 when not given). */
    public long sizeHint() {
        return sizeHint;
    }

    public List<R> recipients() {
        return List.copyOf(recipients);
    }

    // ---- commands ----

    /** EHLO/LHLO: a new hello resets the transaction. */
    public void hello(String name) {
        discard();
        heloName = name;
        state = ServerState.READY;
    }

    /** STARTTLS: everything about the client is forgotten, the hello comes again. */
    public void resetForTls() {
        discard();
        heloName = "";
        state = ServerState.GREETED;
    }

    /** RSET: drop the transaction and any message data, keep the hello. */
    public void reset() {
        discard();
    }

    /**
     * RFC 5321 section 4.1.1.2 {@code MAIL FROM:<reverse-path> [SIZE=n] [BODY=7BIT|8BITMIME]} (RFC 1870, RFC 6152).
     * Returns the reply; on success the transaction has begun.
     */
    public SmtpReply mail(String arguments) {
        PathArgument path;
        try {
            path = PathArgument.parse(arguments, "FROM:", true);
        } catch (SyntaxException e) {
            return e.reply();
        }
        long size = 0;
        for (Map.Entry<String, String> param : path.params().entrySet()) {
            switch (param.getKey()) {
                case "SIZE" -> {
                    if (!param.getValue().matches("\\d{1,18}")) {
                        return SmtpReply.of(501, "5.5.4", "Invalid SIZE parameter");
                    }
                    size = Long.parseLong(param.getValue());
                }
                case "BODY" -> {
                    String body = param.getValue().toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        return SmtpReply.of(501, "5.5.4", "Unsupported BODY parameter");
                    }
                }
                default -> {
                    return SmtpReply.of(555, "5.5.4", "Unsupported parameter: " + param.getKey());
                }
            }
        }
        if (limits.maxMessageSize() > 0 && size > limits.maxMessageSize()) {
            return SmtpReply.TOO_BIG;
        }
        discard();
        sender = path.address();
        sizeHint = size;
        transactions++;
        state = ServerState.TRANSACTION;
        return SmtpReply.OK_MAIL;
    }

    /**
     * RFC 5321 section 4.1.1.3 {@code RCPT TO:<forward-path> [ORCPT=rfc822;addr] [NOTIFY=…]}: the syntax and the
     * recipient limit. The dialect then decides about the address and calls {@link #addRecipient}. With
     * {@code domainOptional} a bare local part is accepted (Dovecot's LMTP looks it up as a user name).
     */
    public RecipientRequest rcpt(String arguments, boolean domainOptional) throws SyntaxException {
        PathArgument path = PathArgument.parse(arguments, "TO:", false, domainOptional);
        String original = null;
        for (Map.Entry<String, String> param : path.params().entrySet()) {
            switch (param.getKey()) {
                case "ORCPT" -> {
                    original = Orcpt.decode(param.getValue());
                    if (original == null) {
                        throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid ORCPT parameter"));
                    }
                }
                case "NOTIFY" -> {
                    // RFC 3461: accepted for MTAs that send DSN parameters anyway; Loft sends no DSNs.
                }
                default -> throw new SyntaxException(
                        SmtpReply.of(555, "5.5.4", "Unsupported parameter: " + param.getKey()));
            }
        }
        if (recipients.size() >= limits.maxRecipients()) {
            throw new SyntaxException(SmtpReply.TOO_MANY_RECIPIENTS);
        }
        return new RecipientRequest(path.address(), original);
    }

    public void addRecipient(R recipient) {
        recipients.add(Objects.requireNonNull(recipient, "recipient"));
    }

    /** RFC 5321 section 4.1.1.4 DATA: the reply (354 when the data may come). */
    public SmtpReply data(String arguments) {
        if (!arguments.isBlank()) {
            return SmtpReply.of(501, "5.5.4", "DATA takes no parameters");
        }
        if (state == ServerState.CHUNKING || chunked) {
            return SmtpReply.DATA_AFTER_BDAT;
        }
        if (recipients.isEmpty()) {
            return SmtpReply.NO_RECIPIENTS;
        }
        spool = new MessageSpool(limits.tempDir(), limits.maxMessageSize());
        dataReader = new DataReader();
        state = ServerState.DATA;
        return SmtpReply.START_DATA;
    }

    /**
     * RFC 3030 {@code BDAT <size> [LAST]}. The chunk's bytes always follow the command, so even a BDAT that fails
     * is read to its end before the error reply; only a size that cannot be parsed leaves no way to find the next
     * command ({@link BdatStart.Unreadable}: reply and close).
     */
    public BdatStart bdat(String arguments, SmtpReply helloFirst) {
        String[] words = arguments.trim().split(" +");
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length > 2 || !words[0].matches("\\d{1,18}") || (words.length == 2 && !last)) {
            return new BdatStart.Unreadable(SmtpReply.of(501, "5.5.4", "Invalid BDAT parameters; closing connection"));
        }
        long size = Long.parseLong(words[0]);
        SmtpReply error = null;
        if (state == ServerState.GREETED) {
            error = helloFirst;
        } else if (state == ServerState.READY) {
            error = SmtpReply.MAIL_FIRST;
        } else if (failedChunk) {
            error = SmtpReply.BDAT_FAILED_BEFORE;
        } else if (recipients.isEmpty()) {
            error = SmtpReply.NO_RECIPIENTS;
        }
        chunkSize = size;
        chunkLast = last;
        chunkError = error;
        if (error == null) {
            chunked = true;
            if (spool == null) {
                spool = new MessageSpool(limits.tempDir(), limits.maxMessageSize());
            }
            state = ServerState.CHUNKING;
        }
        return new BdatStart.Read(size);
    }

    // ---- message data ----

    /** One line between 354 and the end of the data, as framed in LF-only mode (its CR still on). */
    public Intake<R> dataLine(byte[] line) {
        if (InputLine.contentLength(line) > limits.maxLineLength()) {
            lineTooLong = true;
            return Intake.more();
        }
        DataReader.Line read = dataReader.read(line);
        if (read instanceof DataReader.Line.Content content) {
            if (!spoolFailed) {
                try {
                    spool.write(content.bytes(), content.offset(), content.length());
                    spool.write(CRLF);
                } catch (IOException e) {
                    log.error("spooling DATA failed: " + e.getMessage());
                    spoolFailed = true; // read on to the end, then refuse
                }
            }
            return Intake.more();
        }
        return endOfMessage();
    }

    /** A data line longer than the transport's limit arrived and was dropped: the message cannot be kept whole. */
    public void dataLineTooLong() {
        lineTooLong = true;
    }

    /** A piece of the current BDAT chunk; {@code last} completes the chunk. */
    public Intake<R> chunk(byte[] bytes, boolean last) {
        if (chunkError == null && !spoolFailed) {
            try {
                spool.write(bytes);
            } catch (IOException e) {
                log.error("spooling BDAT data failed: " + e.getMessage());
                spoolFailed = true;
            }
        }
        if (!last) {
            return Intake.more();
        }
        if (chunkError != null) {
            SmtpReply error = chunkError;
            chunkError = null;
            if (chunked) {
                failChunks();
            }
            return new Intake.Answer<>(error);
        }
        if (chunkLast) {
            return endOfMessage();
        }
        if (spoolFailed) {
            failChunks();
            return new Intake.Answer<>(SmtpReply.of(451, "4.3.0", "Temporary internal error"));
        }
        if (spool.tooBig()) {
            failChunks();
            return new Intake.Answer<>(SmtpReply.TOO_BIG);
        }
        return new Intake.Answer<>(SmtpReply.of(250, "2.0.0", "Added " + chunkSize + " octets"));
    }

    /** RFC 3030: after a failed chunk the rest of the transaction gets 503 until RSET; its data is gone. */
    private void failChunks() {
        failedChunk = true;
        closeSpool();
    }

    /** The final dot or BDAT LAST: the transaction ends here, whatever the outcome. */
    private Intake<R> endOfMessage() {
        MessageSpool finished = spool;
        String from = sender;
        List<R> to = List.copyOf(recipients);
        boolean failed = spoolFailed;
        boolean overLong = lineTooLong;
        spool = null; // from here on the result owns it
        discard();
        try {
            finished.finish();
        } catch (IOException e) {
            log.error("finishing the message failed: " + e.getMessage());
            failed = true;
        }
        Intake.Reason refusal = failed ? Intake.Reason.SPOOL_FAILED
                : finished.tooBig() ? Intake.Reason.TOO_BIG
                : overLong ? Intake.Reason.LINE_TOO_LONG : null;
        if (refusal != null || to.isEmpty()) {
            finished.close();
            return refusal != null ? new Intake.Refused<>(refusal, to) : new Intake.Answer<>(SmtpReply.NO_RECIPIENTS);
        }
        return new Intake.Received<>(from, to, finished);
    }

    private void discard() {
        closeSpool();
        sender = null;
        sizeHint = 0;
        recipients.clear();
        dataReader = null;
        chunked = false;
        failedChunk = false;
        lineTooLong = false;
        spoolFailed = false;
        if (state != ServerState.GREETED) {
            state = ServerState.READY;
        }
    }

    private void closeSpool() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }

    /** The connection is gone: a message that was arriving is dropped with its temporary file. */
    @Override
    public void close() {
        closeSpool();
    }
}
