package org.loftmail.lmtp.lda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.lmtp.MemoryStorage;
import org.loftmail.lmtp.TableDirectory;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;

class LdaCommandTest {

    @TempDir
    Path temp;

    private final MemoryStorage storage = new MemoryStorage();
    private final TableDirectory directory = new TableDirectory().add("alice").add("bob");
    private final List<String> sent = new ArrayList<>();
    private final MailSender sender = (from, to, message) ->
            sent.add(from + " -> " + to + "\n" + new String(message.readAllBytes(), StandardCharsets.UTF_8));
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DeliverySettings settings;

    private int lda(String message, String... args) {
        DeliverySettings s = settings != null ? settings : DeliverySettings.builder("mx.loft.test", temp).build();
        LdaEnvironment.Loader loader = config -> new LdaEnvironment(new MailDelivery(directory,
                new MailStorageRegistry().register(storage), s, DeliveryFilter.KEEP_ALL, "", sender), null);
        return LdaCommand.run(args, new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), loader);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deliversToInboxAndExitsZero() {
        assertThat(lda("Subject: hi\n\nbody\n", "-d", "alice", "-f", "s@example.org")).isZero();
        assertThat(storage.count("alice", "INBOX")).isEqualTo(1);
        // lda adds no trace fields of its own (the MTA's pipe flags do); line ends are kept for the backend
        assertThat(storage.text("alice", "INBOX", 0)).isEqualTo("Subject: hi\n\nbody\n");
    }

    @Test
    void anUnknownUserIsExNoUser() {
        assertThat(lda("Subject: x\n\n", "-d", "ghost")).isEqualTo(ExitCodes.NOUSER);
        assertThat(err()).contains("ghost").contains("doesn't exist");
    }

    @Test
    void aUserdbThatIsDownIsTempfail() {
        directory.down = true;
        assertThat(lda("Subject: x\n\n", "-d", "alice")).isEqualTo(ExitCodes.TEMPFAIL);
    }

    @Test
    void overQuotaIsNoPermWithDashEAndABounceWithout() {
        storage.quota("bob", 3);
        assertThat(lda("Subject: q\n\nxxxx\n", "-d", "bob", "-e", "-f", "s@example.org")).isEqualTo(ExitCodes.NOPERM);
        assertThat(err()).contains("Quota exceeded (mailbox for user is full)");
        assertThat(sent).isEmpty();

        assertThat(lda("Subject: q\n\nxxxx\n", "-d", "bob", "-f", "s@example.org")).isZero();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith(" -> [s@example.org]").contains("Quota exceeded");
        assertThat(storage.count("bob", "INBOX")).isZero();
    }

    @Test
    void quotaFullTempfailMakesOverQuotaTempfail() {
        settings = DeliverySettings.builder("mx.loft.test", temp).quotaFullTempfail(true).build();
        storage.quota("bob", 3);
        assertThat(lda("Subject: q\n\nxxxx\n", "-d", "bob")).isEqualTo(ExitCodes.TEMPFAIL);
    }

    @Test
    void aStorageFailureIsTempfail() {
        storage.failNextAppends(1);
        assertThat(lda("Subject: f\n\n", "-d", "alice")).isEqualTo(ExitCodes.TEMPFAIL);
        assertThat(storage.count("alice", "INBOX")).isZero();
    }

    @Test
    void mailboxOptionAndFallbackToInbox() {
        storage.create("alice", "Lists");
        assertThat(lda("Subject: m\n\n", "-d", "alice", "-m", "Lists")).isZero();
        assertThat(lda("Subject: m\n\n", "-d", "alice", "-m", "Nope")).isZero();
        assertThat(storage.count("alice", "Lists")).isEqualTo(1);
        assertThat(storage.count("alice", "INBOX")).isEqualTo(1);
    }

    @Test
    void anMboxFromLineIsDroppedAndGivesTheSender() {
        settings = DeliverySettings.builder("mx.loft.test", temp).quotaExceededMessage("full").build();
        storage.quota("bob", 3);
        assertThat(lda("From env@example.org Mon Nov 23 04:00:00 2026\nSubject: f\n\nbody\n", "-d", "bob")).isZero();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith(" -> [env@example.org]");
        assertThat(lda("From env@example.org Mon Nov 23 04:00:00 2026\nSubject: f\n\n", "-d", "alice")).isZero();
        assertThat(storage.text("alice", "INBOX", 0)).isEqualTo("Subject: f\n\n");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedWithoutBeingKept() {
        settings = DeliverySettings.builder("mx.loft.test", temp).maxMessageSize(100).build();
        assertThat(lda("Subject: big\n\n" + "x".repeat(500) + "\n", "-d", "alice")).isEqualTo(ExitCodes.NOPERM);
        assertThat(err()).contains("Mail too large");
        assertThat(storage.count("alice", "INBOX")).isZero();
    }

    @Test
    void badUsageMissingFilesAndBrokenConfiguration() {
        assertThat(lda("", "-x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Usage: loft lda");
        assertThat(lda("", "-d")).isEqualTo(ExitCodes.USAGE);
        assertThat(lda("", "-d", "alice", "-p", temp.resolve("missing.eml").toString())).isEqualTo(ExitCodes.NOINPUT);
        int code = LdaCommand.run(new String[] {"-d", "alice"}, new ByteArrayInputStream(new byte[0]),
                System.out, new PrintStream(err), config -> {
                    throw new IllegalStateException("dovecot.conf:3: Unknown setting: foo");
                });
        assertThat(code).isEqualTo(ExitCodes.TEMPFAIL);
        assertThat(err()).contains("dovecot.conf:3");
    }
}
