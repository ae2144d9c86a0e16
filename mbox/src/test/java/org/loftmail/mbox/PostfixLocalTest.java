package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * A spool written by a real Postfix local(8) is read correctly (its {@code >From} quoting, its From lines, forged
 * state headers not trusted), and local(8) keeps delivering while a Loft session has the mailbox selected and
 * expunges and flags messages: each message arrives once, none is lost.
 */
class PostfixLocalTest {

    static final String USER = "loftlocal" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
    }

    private static String text(SelectedMailbox v, long uid) throws Exception {
        return new String(v.openPhysical(uid).readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void postfixLocalDeliveriesAreReadAndKeepArrivingDuringExpunges() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(PostfixLocal.POSTFIX),
                "needs root and Debian's postfix (scripts/install-test-deps)");
        // Postfix's daemons and local(8), running as the user, must reach the spool through the temporary directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        run("useradd", "-M", "-d", dir.resolve("home").toString(), "-s", "/usr/sbin/nologin", USER);
        try (PostfixLocal postfix = new PostfixLocal(dir.resolve("postfix"))) {
            Path spool = postfix.spool.resolve(USER);
            postfix.send(USER, "Subject: one\nMessage-ID: <p1@example.org>\n\nFrom the first line of a body\n>From quoted already\nend");
            postfix.send(USER, "Subject: two\nMessage-ID: <p2@example.org>\nX-UID: 1\nStatus: RO\nX-Status: DF\n\nforged state");
            postfix.awaitDelivered(2);
            String raw = Files.readString(spool, StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith("From alice@example.org  ").contains("\n>From the first line of a body\n", "\n>From quoted already\n"); // mboxo: only "From " quoted

            MboxStorageProvider provider = new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS);
            MailStorage storage = provider.open(StorageUser.of(USER, dir, "mbox:" + dir.resolve("mail") + ":INBOX=" + spool));
            List<String> ids = new ArrayList<>();
            try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
                assertThat(v.count()).isEqualTo(2);
                // Postfix's queue manager may deliver the two in either order
                int one = text(v, v.uid(1)).contains("Subject: one") ? 1 : 2;
                int two = 3 - one;
                assertThat(text(v, v.uid(one))).contains("Delivered-To: " + USER + "@loft-test.localdomain", "Subject: one",
                        "\n>From the first line of a body\n>From quoted already\nend");
                assertThat(v.record(two).flags()).as("Postfix leaves forged headers in place; they are not trusted").isEqualTo(Flags.NONE);
                assertThat(text(v, v.uid(two))).contains("Subject: two").doesNotContain("X-UID", "X-Status", "Status:");

                // more deliveries while this session flags and expunges (each a rewrite under the same locks)
                Thread sender = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 3; i <= 22; i++) {
                            postfix.send(USER, "Subject: n" + i + "\nMessage-ID: <p" + i + "@example.org>\n\nbody " + i);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                for (int round = 0; round < 8; round++) {
                    v.sync(true);
                    for (int wait = 0; v.count() < 2 && wait < 300; wait++) {
                        Thread.sleep(100); // local(8) has not caught up with the expunges yet
                        v.sync(true);
                    }
                    v.store(UidSet.of(v.uid(v.count())), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
                    v.store(UidSet.of(v.uid(1)), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                    String gone = text(v, v.uid(1)).replaceAll("(?s).*Message-ID: <([^>]+)>.*", "$1");
                    ids.add("-" + gone);
                    v.expunge(Optional.empty());
                    Thread.sleep(100);
                }
                sender.join();
                postfix.awaitDelivered(22);
                v.sync(true);
            }
            provider.close();
            provider = new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS);
            storage = provider.open(StorageUser.of(USER, dir, "mbox:" + dir.resolve("mail") + ":INBOX=" + spool));
            List<String> present = new ArrayList<>();
            try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(true)) {
                for (long uid : v.uids().stream().toArray()) {
                    present.add(text(v, uid).replaceAll("(?s).*Message-ID: <([^>]+)>.*", "$1"));
                }
            }
            provider.close();
            List<String> want = new ArrayList<>();
            for (int i = 1; i <= 22; i++) want.add("p" + i + "@example.org");
            for (String e : ids) want.remove(e.substring(1));
            assertThat(present).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(want);
            assertThat(ids).hasSize(8);
        } finally {
            run("userdel", USER);
        }
    }
}
