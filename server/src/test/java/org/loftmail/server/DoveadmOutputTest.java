package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.admin.ConfigLocator;

/**
 * {@code adm}'s output of the commands scripts parse, byte for byte against Debian's doveadm 2.3 on the same Maildir
 * and the same configuration file. Mailbox lists are compared as sorted lines: Dovecot lists in directory order.
 * {@code recent} and {@code highestmodseq} live in each server's own index and are not compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoveadmOutputTest {

    Path dir;

    DoveadmReference dovecot;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        String why = DoveadmReference.unavailable();
        assumeTrue(why == null, () -> "skipping: " + why);
        dovecot = new DoveadmReference(dir, List.of("jsmith", "alice"));
        // Dovecot writes the store: mailboxes, subscriptions, messages
        expectOk(dovecot.doveadm("mailbox", "create", "-u", "jsmith", "Spam", "Work/Projects", "Entwürfe"));
        expectOk(dovecot.doveadm("mailbox", "subscribe", "-u", "jsmith", "Spam", "Entwürfe"));
        expectOk(dovecot.doveadmWithInput("From: a@example.com\nSubject: hello\n\nbody\n".getBytes(), "save", "-u", "jsmith"));
        expectOk(dovecot.doveadmWithInput(("From: B <b@example.com>\nTo: jsmith@example.com, \"Q\" <q@example.net>\n"
                + "Subject: two\nDate: Mon, 7 Dec 2026 10:00:00 +0200\nMessage-ID: <two@example.com>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=xx\n\n--xx\nContent-Type: text/plain\n\n"
                + "more body\n--xx\nContent-Type: application/octet-stream; name=a.bin\n"
                + "Content-Transfer-Encoding: base64\n\nAAAA\n--xx--\n").getBytes(), "save", "-u", "jsmith"));
        expectOk(dovecot.doveadmWithInput("Subject: spam\n\nbuy\n".getBytes(), "save", "-u", "jsmith", "-m", "Spam"));
        expectOk(dovecot.doveadm("mailbox", "list", "-u", "alice")); // Dovecot creates alice's INBOX
        expectOk(dovecot.doveadm("flags", "add", "-u", "jsmith", "\\Seen", "mailbox", "INBOX", "uid", "1"));
    }

    @AfterAll
    void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static void expectOk(DoveadmReference.Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
    }

    record Run(int exit, String out, String err) {}

    private Run adm(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = dovecot.config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Admin.run(all, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ConfigLocator(List.of(), dir.resolve("none.conf")));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String sortedLines(String s) {
        String[] lines = s.split("\n");
        Arrays.sort(lines);
        return String.join("\n", lines);
    }

    private void sameOutput(boolean sorted, String... args) throws Exception {
        DoveadmReference.Run reference = dovecot.doveadm(args);
        Run loft = adm(args);
        assertThat(loft.exit()).as("exit of " + String.join(" ", args) + ": " + loft.err()).isEqualTo(reference.exit());
        if (sorted) {
            assertThat(sortedLines(loft.out())).as(String.join(" ", args)).isEqualTo(sortedLines(reference.out()));
        } else {
            assertThat(loft.out()).as(String.join(" ", args)).isEqualTo(reference.out());
        }
    }

    @Test
    void mailboxListAsDoveadm() throws Exception {
        sameOutput(true, "mailbox", "list", "-u", "jsmith");
        sameOutput(true, "mailbox", "list", "-s", "-u", "jsmith");
        sameOutput(true, "mailbox", "list", "-u", "jsmith", "W*");
        sameOutput(true, "mailbox", "list", "-7", "-u", "jsmith");
        sameOutput(true, "-f", "tab", "mailbox", "list", "-u", "alice");
        sameOutput(false, "-f", "json", "mailbox", "list", "-u", "alice");
    }

    @Test
    void mailboxStatusAsDoveadm() throws Exception {
        sameOutput(false, "mailbox", "status", "-u", "jsmith", "messages uidnext uidvalidity unseen vsize guid", "INBOX");
        sameOutput(false, "mailbox", "status", "-u", "jsmith", "unseen messages", "Spam");
        sameOutput(true, "mailbox", "status", "-u", "jsmith", "messages unseen uidvalidity", "*");
        sameOutput(false, "-f", "json", "mailbox", "status", "-u", "jsmith", "messages vsize", "INBOX");
        sameOutput(false, "-f", "table", "mailbox", "status", "-u", "jsmith", "messages unseen", "INBOX");
    }

    @Test
    void searchAsDoveadm() throws Exception {
        sameOutput(true, "search", "-u", "jsmith", "all");
        sameOutput(false, "search", "-u", "jsmith", "mailbox", "INBOX", "seen");
        sameOutput(false, "search", "-u", "jsmith", "mailbox", "INBOX", "unseen");
        sameOutput(false, "search", "-u", "jsmith", "subject", "two");
        sameOutput(true, "search", "-u", "jsmith", "seen", "OR", "subject", "spam");
        sameOutput(true, "search", "-u", "jsmith", "seen", "or", "subject", "spam", "or", "subject", "two");
        sameOutput(true, "search", "-u", "jsmith", "(", "from", "example.com", "not", "seen", ")");
        sameOutput(true, "search", "-u", "jsmith", "(", "seen", "OR", "flagged", ")", "from", "example.com");
        sameOutput(true, "search", "-u", "jsmith", "mailbox", "Sp*", "all");
        sameOutput(false, "search", "-u", "jsmith", "mailbox", "INBOX", "uid", "2:*");
        sameOutput(true, "search", "-u", "jsmith", "since", "1d");
        sameOutput(true, "search", "-u", "jsmith", "before", "1d");
        sameOutput(true, "-f", "json", "search", "-u", "jsmith", "mailbox", "Spam", "all");
    }

    @Test
    void fetchAsDoveadm() throws Exception {
        sameOutput(false, "fetch", "-u", "jsmith", "uid flags hdr.subject size.physical size.virtual guid mailbox",
                "mailbox", "INBOX", "all");
        sameOutput(false, "fetch", "-u", "jsmith", "text", "mailbox", "Spam", "all");
        sameOutput(false, "fetch", "-u", "jsmith", "hdr body", "mailbox", "INBOX", "uid", "2");
        sameOutput(false, "-f", "tab", "fetch", "-u", "jsmith", "uid mailbox-guid", "mailbox", "INBOX", "all");
        sameOutput(false, "fetch", "-u", "jsmith", "date.sent pop3.uidl imap.envelope imap.bodystructure imap.body",
                "mailbox", "INBOX", "all");
    }

    @Test
    void quotaGetAsDoveadm() throws Exception {
        sameOutput(false, "quota", "get", "-u", "jsmith");
        sameOutput(false, "-f", "tab", "quota", "get", "-u", "alice");
    }

    /** doveadm's fetch of every message, as a set of records (mailbox order is directory order), \\Recent aside. */
    private java.util.Set<String> dovecotView(String location) throws Exception {
        DoveadmReference.Run run = dovecot.doveadm("-o", "mail_location=" + location, "fetch", "-u", "jsmith",
                "mailbox uid guid flags pop3.uidl date.received size.virtual", "all");
        assertThat(run.exit()).as(run.err()).isZero();
        return new java.util.TreeSet<>(List.of(run.out().replace(" \\Recent", "").replace("\\Recent", "").split("\f\n")));
    }

    private String dovecotStatus(String location) throws Exception {
        DoveadmReference.Run run = dovecot.doveadm("-o", "mail_location=" + location, "mailbox", "status", "-u", "jsmith",
                "messages uidnext uidvalidity guid", "*");
        assertThat(run.exit()).as(run.err()).isZero();
        return sortedLines(run.out());
    }

    @Test
    void backupOfADovecotStoreAndBackKeepsUidsFlagsDatesAndUidls() throws Exception {
        String original = "maildir:" + dovecot.maildir("jsmith");
        String backup = "maildir:" + dir.resolve("backup/jsmith/Maildir");
        java.nio.file.Files.createDirectories(dir.resolve("backup/jsmith"));
        java.nio.file.Files.setAttribute(dir.resolve("backup/jsmith"), "unix:uid", DoveadmReference.MAIL_UID);
        java.nio.file.Files.setAttribute(dir.resolve("backup"), "unix:uid", DoveadmReference.MAIL_UID);
        Run run = adm("backup", "-u", "jsmith", backup);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        java.util.Set<String> before = dovecotView(original);
        assertThat(before).hasSize(3);
        assertThat(dovecotView(backup)).isEqualTo(before);
        assertThat(dovecotStatus(backup)).isEqualTo(dovecotStatus(original));
        assertThat(java.nio.file.Files.readString(dir.resolve("backup/jsmith/Maildir/subscriptions")))
                .isEqualTo(java.nio.file.Files.readString(dovecot.maildir("jsmith").resolve("subscriptions")));
        // and back: from the backup (as the user's mail_location) to a fresh store
        java.nio.file.Path config2 = dir.resolve("restore.conf");
        java.nio.file.Files.writeString(config2, java.nio.file.Files.readString(dovecot.config)
                .replace("mail_location = maildir:~/Maildir", "mail_location = " + backup));
        String restored = "maildir:" + dir.resolve("backup/jsmith/Restored");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Admin.run(new String[] {"-c", config2.toString(), "backup", "-u", "jsmith", restored},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ConfigLocator(List.of(), dir.resolve("none.conf")));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit).isZero();
        assertThat(dovecotView(restored)).isEqualTo(before);
        // a second backup after a change copies the change and removes what is gone
        expectOk(dovecot.doveadm("flags", "add", "-u", "jsmith", "\\Flagged", "mailbox", "Spam", "all"));
        expectOk(dovecot.doveadm("mailbox", "delete", "-u", "jsmith", "Work/Projects"));
        assertThat(adm("backup", "-u", "jsmith", backup).exit()).isZero();
        assertThat(dovecotView(backup)).isEqualTo(dovecotView(original));
        assertThat(dir.resolve("backup/jsmith/Maildir/.Work.Projects")).doesNotExist();
        assertThat(adm("backup", "-u", "jsmith", "-R", backup).exit()).isEqualTo(64);
    }

    @Test
    void failuresExitAsDoveadm() throws Exception {
        sameOutput(false, "mailbox", "list", "-u", "nosuchuser");
        sameOutput(false, "mailbox", "create", "-u", "alice", "INBOX");
        sameOutput(false, "mailbox", "delete", "-u", "alice", "Nope");
        sameOutput(false, "mailbox", "rename", "-u", "alice", "Nope", "Other");
        sameOutput(false, "mailbox", "status", "-u", "alice", "messages", "Nope");
        sameOutput(false, "mailbox", "status", "-u", "alice", "frob", "INBOX");
        sameOutput(false, "mailbox", "list");
        sameOutput(false, "search", "-u", "jsmith", "frobnicate");
        sameOutput(false, "search", "-u", "jsmith", "seen", "OR", "flagged", "unseen");
        sameOutput(false, "search", "-u", "jsmith", "mailbox", "nosuch", "all");
        sameOutput(false, "search", "-u", "jsmith");
        sameOutput(false, "fetch", "-u", "jsmith", "nosuchfield", "all");
    }
}
