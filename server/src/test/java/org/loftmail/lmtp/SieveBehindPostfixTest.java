package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.lmtp.delivery.AuthRecipientDirectory;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.delivery.SieveDeliveryFilter;
import org.loftmail.sieve.delivery.SieveDeliverySettings;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/**
 * Issue 13's guide, end to end: a real Postfix delivers over LMTP to Loft with Sieve; alice's
 * {@code ~/.dovecot.sieve} is the guide's spam rule and dave's the virus rule, the folders made beforehand as
 * {@code doveadm mailbox create} would. Spam ends in Spam, a message without X-Virus-Status in Virus, and the log
 * has Pigeonhole's line. Needs root and /usr/sbin/postfix (scripts/install-test-deps); skips otherwise.
 */
class SieveBehindPostfixTest {

    static final String SPAM_RULE = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n"
            + "        fileinto \"Spam\";\n}\n";
    static final String VIRUS_RULE = "require [\"fileinto\"];\nif header :contains \"X-Virus-Status\" \"\" {\n"
            + "        fileinto \"Spam\";\n}\nif not header :contains \"X-Virus-Status\" \"Clean\" {\n"
            + "        fileinto \"Virus\";\n}\n";

    @Test
    void guideScriptsOverLmtpBehindPostfix(@TempDir Path ignored) throws Exception {
        assumeTrue(Files.isExecutable(PostfixInstance.POSTFIX),
                "Postfix is not installed (scripts/install-test-deps installs it); skipping");
        assumeTrue("root".equals(System.getProperty("user.name")), "the real-Postfix tests need root; skipping");
        Path dir = Files.createTempDirectory("loft-sieve-postfix-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mail = dir.resolve("mail");
        Files.createDirectories(mail);
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(MailLog.LOGGER_ROOT + ".lmtp");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try (RealStack stack = new RealStack(mail); NetServer server = new NetServer(1)) {
            MailStorageRegistry registry = new MailStorageRegistry().register(stack.maildir);
            for (String user : List.of("alice", "dave")) {
                Files.createDirectories(mail.resolve(user));
                try (MailStorage storage = registry.open(storageUser(mail, user))) {
                    storage.create(MailboxName.of("Spam"), Set.of());
                    if (user.equals("dave")) storage.create(MailboxName.of("Virus"), Set.of());
                }
            }
            Files.writeString(mail.resolve("alice/.dovecot.sieve"), SPAM_RULE);
            Files.writeString(mail.resolve("dave/.dovecot.sieve"), VIRUS_RULE);
            AuthRecipientDirectory directory = new AuthRecipientDirectory(stack.auth, "lmtp",
                    info -> storageUser(mail, info.user()));
            SieveDeliverySettings sieve = new SieveDeliverySettings(new SieveStoreSettings(
                    "file:~/sieve;active=~/.dovecot.sieve", "", 0, 0, 1 << 20), SieveExtensions.defaults(), Set.of(),
                    List.of(), List.of(), "", "", "", RunEnvironment.Limits.DEFAULT,
                    new SieveDeliverySettings.Vacation(false, false, false), "sender", "postmaster@%d", "+", null, null);
            MailDelivery delivery = new MailDelivery(directory, registry, stack.settings()
                    .mailPlugins(List.of("quota", "sieve")).build(), new SieveDeliveryFilter(sieve), "sieve",
                    MailSender.NONE);
            Path socket = dir.resolve("loft-lmtp.sock");
            BoundListener lmtp = server.bind(new ListenerSpec.Unix("lmtp", "lmtp", socket, 0666, "", ""),
                    new LmtpService(LmtpSettings.defaults("mx.loft.test"), delivery), null,
                    ConnectionLimiter.unlimited());
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            try (PostfixInstance postfix = new PostfixInstance(dir.resolve("postfix"), port, socket,
                    Path.of("/bin/false"))) {
                postfix.start();
                send(postfix, "<20160828091710.A40A21811885@mail.example.com>", "alice@loft.test", "Cheap pills",
                        "X-Spam-Flag", "YES");
                send(postfix, "<clean-1@mail.example.com>", "alice@loft.test", "Lunch", "X-Spam-Flag", "NO");
                send(postfix, "<virus-1@mail.example.com>", "dave@loft.test", "Unscanned", null, null);
                send(postfix, "<virus-2@mail.example.com>", "dave@loft.test", "Scanned", "X-Virus-Status", "Clean");
                postfix.awaitLogLine(60, "to=<alice@loft.test>", "status=sent");
                postfix.awaitLogLine(60, "to=<dave@loft.test>", "status=sent");
                awaitFile(mail.resolve("alice/Maildir/.Spam"), "Subject: Cheap pills");
                awaitFile(mail.resolve("dave/Maildir/.Virus"), "Subject: Unscanned");
                awaitFile(mail.resolve("dave/Maildir/.Spam"), "Subject: Scanned");
                awaitFile(mail.resolve("alice/Maildir"), "Subject: Lunch");
            } finally {
                lmtp.close();
            }
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anyMatch(l -> l.matches("lmtp\\(alice\\): Info: \\S+: sieve: "
                    + "msgid=<20160828091710\\.A40A21811885@mail\\.example\\.com>: stored mail into mailbox 'Spam'"));
            assertThat(lines).anyMatch(l -> l.matches("lmtp\\(dave\\): Info: \\S+: sieve: "
                    + "msgid=<virus-1@mail\\.example\\.com>: stored mail into mailbox 'Virus'"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static StorageUser storageUser(Path mail, String user) {
        return new StorageUser(user, mail.resolve(user), "maildir:" + mail.resolve(user).resolve("Maildir"),
                OptionalInt.empty(), OptionalInt.empty(), List.of());
    }

    private static void send(PostfixInstance postfix, String messageId, String to, String subject, String header,
            String value) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(postfix.smtpPort));
        props.put("mail.smtp.localhost", "client.example.org");
        MimeMessage message = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        if (header != null) message.setHeader(header, value);
        message.setText("Hello.\n", "UTF-8");
        Transport.send(message);
    }

    private static void awaitFile(Path maildirFolder, String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String sub : List.of("new", "cur")) {
                Path d = maildirFolder.resolve(sub);
                if (!Files.isDirectory(d)) continue;
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.toList()) {
                        if (read(f).contains(text)) return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no message with '" + text + "' in " + maildirFolder);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
