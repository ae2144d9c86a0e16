package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SyncResult;

/**
 * POP3 next to IMAP-style sessions on one mailbox (an IMAP session is a storage view, as the IMAP module uses it):
 * the POP3 session keeps its snapshot, a message expunged elsewhere is answered with -ERR, POP3's QUIT reaches
 * the other view as ordinary expunges; and pop3_lock_session keeps a second POP3 session out.
 */
class ConcurrentSessionsTest {

    @TempDir
    Path dir;

    Pop3TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new Pop3TestServer(dir, Pop3Settings.defaults().withLockSession(true, Duration.ofMillis(300)), false);
        deliverThree();
    }

    private void deliverThree() throws Exception {
        for (int i = 1; i <= 3; i++) {
            server.deliver("jsmith", "Subject: m" + i + "\r\n\r\nbody " + i + "\r\n");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pop3KeepsItsSnapshotWhileAnImapSessionChangesTheMailbox() throws Exception {
        try (Pop3Client pop = Pop3Client.login(server, "jsmith", "secret");
                MailStorage imapStorage = server.openStorage("jsmith");
                SelectedMailbox imap = imapStorage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 3 69");
            // The IMAP session: a new delivery, message 2 expunged, message 3 flagged.
            server.deliver("jsmith", "Subject: m4\r\n\r\nbody 4\r\n");
            imap.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            imap.expunge(Optional.empty());
            imap.store(UidSet.of(3), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
            imap.sync(true);

            assertThat(pop.command("STAT")).as("the POP3 snapshot does not move").isEqualTo("+OK 3 69");
            assertThat(pop.command("RETR 2")).isEqualTo("-ERR Message 2 expunged.");
            assertThat(pop.command("RETR 3")).isEqualTo("+OK 23 octets");
            assertThat(pop.readMultiline()).containsExactly("Subject: m3", "", "body 3");
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Marked to be deleted.");
            assertThat(pop.command("QUIT")).isEqualTo("+OK Logging out, messages deleted.");

            SyncResult sync = imap.sync(true);
            assertThat(sync.expunged()).isEqualTo(UidSet.of(1));
            assertThat(imap.uids()).isEqualTo(UidSet.of(3, 4));
            assertThat(imap.record(imap.seq(3)).flags().system())
                    .as("POP3 added \\Seen and kept the IMAP session's \\Flagged")
                    .contains(SystemFlag.SEEN, SystemFlag.FLAGGED);
        }
        try (Pop3Client pop = Pop3Client.login(server, "jsmith", "secret")) {
            Pop3Client.expectOk(pop.command("UIDL"));
            assertThat(pop.readMultiline()).extracting(l -> l.substring(0, 10)).containsExactly("1 00000003", "2 00000004");
        }
    }

    @Test
    void aSecondPop3SessionIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
        try (Pop3Client first = Pop3Client.login(server, "jsmith", "secret");
                Pop3Client second = new Pop3Client(server.connect())) {
            Pop3Client.expectOk(second.readLine());
            Pop3Client.expectOk(second.command("USER jsmith"));
            assertThat(second.command("PASS secret")).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(second.readLine()).isNull();
            assertThat(first.command("STAT")).isEqualTo("+OK 3 69");
            assertThat(first.command("QUIT")).isEqualTo("+OK Logging out.");
        }
        try (Pop3Client third = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(third.command("STAT")).isEqualTo("+OK 3 69");
        }
    }

    @Test
    void theLockIsFreedWhenTheHolderDisconnectsWithoutQuit() throws Exception {
        Pop3Client first = Pop3Client.login(server, "jsmith", "secret");
        first.close();
        // The waiting session gets the lock once the server has seen the close (it waits up to the lock wait).
        for (int attempt = 0; ; attempt++) {
            try (Pop3Client next = new Pop3Client(server.connect())) {
                next.readLine();
                next.command("USER jsmith");
                String answer = next.command("PASS secret");
                if (answer.equals("+OK Logged in.")) {
                    break;
                }
                assertThat(attempt).as("lock never released: " + answer).isLessThan(20);
            }
        }
    }

    @Test
    void mailMaxUseripConnectionsLimitsLoggedInSessionsPerUserAndAddress() throws Exception {
        server.close();
        server = new Pop3TestServer(dir, Pop3Settings.defaults().withMaxUserIpConnections(1), false);
        deliverThree(); // a new server has a new memory backend
        try (Pop3Client first = Pop3Client.login(server, "jsmith", "secret");
                Pop3Client second = new Pop3Client(server.connect())) {
            second.readLine();
            second.command("USER jsmith");
            assertThat(second.command("PASS secret")).isEqualTo(
                    "-ERR [IN-USE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=1)");
            assertThat(second.readLine()).isNull();
            try (Pop3Client alice = Pop3Client.login(server, "alice", "wonder")) {
                assertThat(alice.command("STAT")).isEqualTo("+OK 0 0");
            }
            first.command("QUIT");
        }
        try (Pop3Client again = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(again.command("STAT")).isEqualTo("+OK 3 69");
        }
    }
}
