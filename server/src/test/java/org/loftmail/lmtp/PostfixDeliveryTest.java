package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/**
 * A real Postfix (Debian's package, a private instance on loopback) delivering to Loft: with
 * {@code virtual_transport = lmtp:unix:…} to the LMTP service, and through a pipe(8) transport running the lda
 * command, for an existing user, an unknown user and a user over quota. Outcomes are read from Postfix's own log
 * and from the Maildirs. Needs root (Postfix's master runs as root) and /usr/sbin/postfix; skips otherwise.
 */
class PostfixDeliveryTest {

    private static Path dir;
    private static RealStack stack;
    private static NetServer server;
    private static BoundListener lmtp;
    private static PostfixInstance postfix;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PostfixInstance.POSTFIX),
                "Postfix is not installed (scripts/install-test-deps installs it); skipping the real-Postfix tests");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the real-Postfix tests need root (Postfix's master runs as root); skipping");
        // Postfix's lmtp client and the pipe's lda run as other users: the directory must be reachable by them.
        dir = Files.createTempDirectory("loft-postfix-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mail = dir.resolve("mail");
        Files.createDirectories(mail);
        stack = new RealStack(mail);
        openUp(mail);
        server = new NetServer(1);
        Path socket = dir.resolve("loft-lmtp.sock");
        LmtpService service = new LmtpService(LmtpSettings.defaults("mx.loft.test"),
                stack.delivery(stack.settings().build(), "lmtp"));
        lmtp = server.bind(new ListenerSpec.Unix("lmtp", "lmtp", socket, 0666, "", ""), service, null,
                ConnectionLimiter.unlimited());
        Path script = ldaScript(mail);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        postfix = new PostfixInstance(dir.resolve("postfix"), port, socket, script);
        postfix.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postfix != null) {
            postfix.close();
        }
        if (lmtp != null) {
            lmtp.close();
        }
        if (server != null) {
            server.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void postfixDeliversOverLmtpAndBouncesUnknownAndOverQuotaRecipients() throws Exception {
        send("lmtp-1@example.org", "Over LMTP", "alice@loft.test", "ghost@loft.test", "bob@loft.test");

        assertThat(postfix.awaitLogLine(60, "to=<alice@loft.test>", "status=sent", "250 2.0.0 <alice@loft.test>"))
                .contains("relay=");
        assertThat(postfix.awaitLogLine(60, "to=<ghost@loft.test>", "status=bounced"))
                .contains("550 5.1.1 <ghost@loft.test> User doesn't exist");
        assertThat(postfix.awaitLogLine(60, "to=<bob@loft.test>", "status=bounced"))
                .contains("552 5.2.2 <bob@loft.test> Quota exceeded (mailbox for user is full)");

        List<Path> alice = stack.inboxFiles("alice");
        String stored = alice.stream().map(PostfixDeliveryTest::read).filter(t -> t.contains("Subject: Over LMTP"))
                .findFirst().orElseThrow();
        assertThat(stored).startsWith("Return-Path: <lmtp-1@example.org>\n")
                .contains("Delivered-To: alice@loft.test\n")
                .contains("by mx.loft.test with LMTP")
                .contains("Received: from mta.loft.test");
        assertThat(stack.inboxFiles("bob").stream().map(PostfixDeliveryTest::read))
                .noneMatch(t -> t.contains("Over LMTP"));
        assertThat(stack.tmpFiles("alice")).isEmpty();
        assertThat(stack.tmpFiles("bob")).isEmpty();
    }

    @Test
    void postfixDeliversThroughTheLdaPipe() throws Exception {
        send("lda-1@example.org", "Through lda", "alice@lda.loft.test", "ghost@lda.loft.test", "bob@lda.loft.test");

        postfix.awaitLogLine(90, "to=<alice@lda.loft.test>", "relay=loftlda", "status=sent");
        assertThat(postfix.awaitLogLine(90, "to=<ghost@lda.loft.test>", "relay=loftlda", "status=bounced"))
                .contains("5.1.1");
        assertThat(postfix.awaitLogLine(90, "to=<bob@lda.loft.test>", "relay=loftlda", "status=bounced"))
                .contains("Quota exceeded");

        assertThat(stack.inboxFiles("alice").stream().map(PostfixDeliveryTest::read))
                .anySatisfy(t -> assertThat(t).contains("Subject: Through lda")
                        .contains("Delivered-To: alice@lda.loft.test")); // from pipe's D flag
        assertThat(stack.inboxFiles("bob").stream().map(PostfixDeliveryTest::read))
                .noneMatch(t -> t.contains("Through lda"));
    }

    private static void send(String from, String subject, String... to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(postfix.smtpPort));
        props.put("mail.smtp.localhost", "client.example.org");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setSubject(subject);
        List<Address> recipients = new ArrayList<>();
        for (String t : to) {
            recipients.add(new InternetAddress(t));
        }
        message.setRecipients(Message.RecipientType.TO, recipients.toArray(Address[]::new));
        // bigger than bob's 1K quota
        message.setText("Hello from Postfix.\n" + "0123456789".repeat(300) + "\n", "UTF-8");
        Transport.send(message, recipients.toArray(Address[]::new));
    }

    /** A script pipe(8) can run as nobody: java with the test classpath, copied where nobody can read it. */
    private static Path ldaScript(Path mail) throws IOException {
        Path cp = dir.resolve("classpath");
        Files.createDirectories(cp);
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        // Loft's own jars in ~/.m2 are shared with other builds and may be replaced while this runs: use this
        // checkout's build output for them instead.
        Path checkout = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        java.util.regex.Pattern ownJar = java.util.regex.Pattern.compile("loft-([a-z0-9]+)-[^/]*?(-tests)?\\.jar");
        for (String entry : testPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            java.util.regex.Matcher own = ownJar.matcher(p.getFileName().toString());
            if (own.matches()) {
                Path classes = checkout.resolve(own.group(1)).resolve("target")
                        .resolve(own.group(2) == null ? "classes" : "test-classes");
                if (Files.isDirectory(classes)) {
                    entries.add(classes.toString());
                    continue;
                }
            }
            if (Files.isRegularFile(p)) {
                Path copy = cp.resolve((n++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                entries.add(copy.toString());
            } else if (Files.isDirectory(p)) {
                entries.add(p.toString()); // target/classes dirs are world-readable
            }
        }
        openUp(cp);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = dir.resolve("lda.sh");
        // Server's test class path holds several protocol modules' logback-test.xml; logback's status report about
        // that would fill the few hundred bytes of lda output Postfix puts in the bounce, hiding the reason.
        Files.writeString(script, "#!/bin/sh\nexec " + java + " --enable-native-access=ALL-UNNAMED -Xshare:auto"
                + " -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"
                + " -XX:TieredStopAtLevel=1 -cp " + String.join(":", entries) + " " + LdaTestMain.class.getName()
                + " " + mail + " \"$@\"\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The lda runs as nobody: the users' mail directories and the spool must be writable for it. */
    private static void openUp(Path root) throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        for (String user : List.of("alice", "bob", "dave")) {
            Path home = root.resolve(user);
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
