package org.loftmail.lmtp.lda;

import org.loftmail.core.delivery.RecipientAddress;
import org.loftmail.smtp.server.SpooledMessage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.lmtp.delivery.DeliveryOutcome;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.smtp.server.MessageSpool;
import org.loftmail.lmtp.delivery.RecipientCheck;

/**
 * {@code loft lda}: delivers one message from stdin like dovecot-lda, through the same delivery path as LMTP,
 * whether or not the server runs. Exit codes are the ones Postfix's pipe(8) understands: 0 delivered, 67 unknown
 * user, 75 try again later, 77 refused (with {@code -e}), 64 bad usage.
 *
 * <p>Permanent refusals (over quota without quota_full_tempfail, a Sieve ereject, a message over the size limit):
 * with {@code -e} the reason goes to stderr and the exit code is 77, so the MTA bounces; without it lda mails a
 * rejection to the sender itself and exits 0, as dovecot-lda does.
 */
public final class LdaCommand {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile LdaEnvironment.Loader installedLoader;

    private LdaCommand() {}

    /** The server installs its wiring once at startup; {@link #run(String[], InputStream, PrintStream, PrintStream)} uses it. */
    public static void installLoader(LdaEnvironment.Loader loader) {
        installedLoader = Objects.requireNonNull(loader, "loader");
    }

    /** {@code loft lda ARGS}, with the loader the server installed. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        LdaEnvironment.Loader loader = installedLoader;
        if (loader == null) {
            err.println("lda: Fatal: no delivery wiring installed (LdaCommand.installLoader was not called)");
            return ExitCodes.TEMPFAIL;
        }
        return run(args, in, out, err, loader);
    }

    /** {@code loft lda ARGS} with an explicit loader (tests, embedding). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
            LdaEnvironment.Loader loader) {
        LdaArguments arguments;
        try {
            arguments = LdaArguments.parse(args);
        } catch (LdaArguments.UsageException e) {
            err.println("lda: Fatal: " + e.getMessage());
            err.println(LdaArguments.USAGE);
            return ExitCodes.USAGE;
        }
        LdaEnvironment environment;
        try {
            environment = loader.load(arguments.config().orElse(null));
        } catch (Exception e) {
            // Configuration or wiring trouble must never lose mail: the MTA keeps it and retries.
            err.println("lda: Fatal: " + e.getMessage());
            return ExitCodes.TEMPFAIL;
        }
        try (environment) {
            return deliver(arguments, in, err, environment.delivery());
        } catch (RuntimeException e) {
            err.println("lda: Fatal: internal error: " + e);
            return ExitCodes.TEMPFAIL;
        }
    }

    private static int deliver(LdaArguments arguments, InputStream stdin, PrintStream err, MailDelivery delivery) {
        String user = arguments.user().orElse(System.getProperty("user.name"));
        String sessionId = newSessionId();
        MailLog log = MailLog.of("lda", user);
        try (MessageSpool spool = new MessageSpool(delivery.settings().tempDir(), delivery.settings().maxMessageSize())) {
            String fromLineSender;
            try (InputStream raw = open(arguments, stdin)) {
                fromLineSender = MboxFromLine.skip(raw);
                spool.writeFrom(raw);
                spool.finish();
            } catch (NoSuchFileException e) {
                err.println("lda: Fatal: " + e.getFile() + ": no such file");
                return ExitCodes.NOINPUT;
            }
            if (spool.tooBig()) {
                // Not kept, so it cannot be quoted in a rejection: let the MTA bounce it with this text.
                err.println("Mail too large (" + spool.size() + " bytes; the limit is "
                        + delivery.settings().maxMessageSize() + ")");
                return ExitCodes.NOPERM;
            }
            DeliveryMessage message = new SpooledMessage(spool);
            String recipientAddress = arguments.finalAddress()
                    .or(arguments::originalAddress)
                    .orElse(user);
            String original = arguments.originalAddress().orElseGet(() -> originalFromHeader(delivery, message));
            RecipientCheck check = delivery.checkForLda(user, original);
            DeliveryRecipient recipient;
            switch (check) {
                case RecipientCheck.Accepted a -> recipient = a.recipient();
                case RecipientCheck.UnknownUser u -> {
                    err.println("lda: Error: User " + user + " doesn't exist");
                    return ExitCodes.NOUSER;
                }
                case RecipientCheck.TemporaryFailure t -> {
                    log.error("user lookup failed: " + t.reason());
                    err.println("lda: Error: user lookup failed, try again later");
                    return ExitCodes.TEMPFAIL;
                }
                case RecipientCheck.OverQuota q -> {
                    err.println("lda: Error: " + delivery.settings().quotaExceededMessage());
                    return q.temporary() ? ExitCodes.TEMPFAIL : ExitCodes.NOPERM;
                }
            }
            if (!recipientAddress.equals(user) || arguments.finalAddress().isPresent()) {
                // -r/-a name the address the MTA saw (with its detail), -d only the user
                recipient = new DeliveryRecipient(
                        org.loftmail.core.delivery.RecipientAddress.parse(recipientAddress,
                                delivery.settings().recipientDelimiter()),
                        original == null ? recipientAddress : original, recipient.user(), recipient.storage(),
                        recipient.userdbFields());
            }
            String sender = arguments.sender().or(() -> returnPath(message)).orElse(fromLineSender);
            Envelope envelope = new Envelope(stripBrackets(sender), "", "", delivery.settings().hostname(), sessionId,
                    "lda", false, Instant.now());
            DeliveryOutcome outcome = delivery.deliver(envelope, message, recipient, arguments.mailbox().orElse(null),
                    true);
            return exitCode(outcome, arguments, err, delivery, envelope, message, recipient);
        } catch (IOException e) {
            log.error("reading the message failed: " + e.getMessage());
            err.println("lda: Error: reading the message failed: " + e.getMessage());
            return ExitCodes.TEMPFAIL;
        }
    }

    private static int exitCode(DeliveryOutcome outcome, LdaArguments arguments, PrintStream err,
            MailDelivery delivery, Envelope envelope, DeliveryMessage message, DeliveryRecipient recipient) {
        String refusal = switch (outcome) {
            case DeliveryOutcome.Delivered d -> null;
            case DeliveryOutcome.Discarded d -> null;
            case DeliveryOutcome.TemporaryFailure t -> {
                err.println("lda: Error: temporary failure, try again later");
                yield "";
            }
            case DeliveryOutcome.OverQuota q -> {
                if (q.temporary()) {
                    err.println("lda: Error: " + delivery.settings().quotaExceededMessage());
                    yield "";
                }
                yield delivery.settings().quotaExceededMessage();
            }
            case DeliveryOutcome.Rejected r -> r.reason();
            case DeliveryOutcome.PermanentFailure p -> p.reason();
        };
        if (refusal == null) {
            return ExitCodes.OK;
        }
        if (refusal.isEmpty()) {
            return ExitCodes.TEMPFAIL;
        }
        if (arguments.errorsToStderr()) {
            err.println(refusal);
            return ExitCodes.NOPERM;
        }
        return delivery.sendRejection(envelope, message, recipient, refusal) ? ExitCodes.OK : ExitCodes.TEMPFAIL;
    }

    private static InputStream open(LdaArguments arguments, InputStream stdin) throws IOException {
        if (arguments.messageFile().isPresent()) {
            return new BufferedInputStream(Files.newInputStream(arguments.messageFile().get()));
        }
        return new BufferedInputStream(new NonClosing(stdin));
    }

    private static java.util.Optional<String> returnPath(DeliveryMessage message) {
        try {
            return message.header("Return-Path");
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String originalFromHeader(MailDelivery delivery, DeliveryMessage message) {
        String header = delivery.settings().originalRecipientHeader();
        if (header.isEmpty()) {
            return null;
        }
        try {
            return message.header(header).map(LdaCommand::stripBrackets).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static String stripBrackets(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a;
    }

    private static String newSessionId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return Base64.getEncoder().withoutPadding().encodeToString(id);
    }

    /** stdin belongs to the caller. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
