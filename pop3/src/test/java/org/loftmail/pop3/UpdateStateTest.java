package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * What reaches the storage and when (RFC 1939 section 6): deletions only in the UPDATE state after QUIT, never
 * when the connection drops; \Seen for retrieved messages at QUIT and, as Dovecot does, also when the connection
 * drops; RSET forgets both.
 */
class UpdateStateTest {

    @TempDir
    Path dir;

    Pop3TestServer server;

    private void start(Pop3Settings settings) throws Exception {
        server = new Pop3TestServer(dir, settings, false);
        for (int i = 1; i <= 3; i++) {
            server.deliver("jsmith", "Subject: m" + i + "\r\n\r\nbody " + i + "\r\n");
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<MessageRecord> inbox() throws Exception {
        try (MailStorage storage = server.openStorage("jsmith");
                SelectedMailbox view = storage.mailbox(MailboxName.INBOX).select(true)) {
            return java.util.stream.IntStream.rangeClosed(1, view.count()).mapToObj(view::record).toList();
        }
    }

    /** Waits until the server has handled the close (the session's onClose runs on its own executor). */
    private void awaitSessionEnd(java.util.function.BooleanSupplier condition) throws Exception {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void aClientThatDisconnectsAfterDeleLosesNothing() throws Exception {
        start(Pop3Settings.defaults());
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("DELE 1")).isEqualTo("+OK Marked to be deleted.");
            assertThat(c.command("DELE 2")).isEqualTo("+OK Marked to be deleted.");
            Pop3Client.expectOk(c.command("RETR 3"));
            c.readMultiline();
        } // dropped without QUIT
        awaitSessionEnd(() -> seen(3));
        List<MessageRecord> after = inbox();
        assertThat(after).hasSize(3);
        assertThat(after).noneMatch(r -> r.flags().contains(SystemFlag.DELETED));
        assertThat(after.get(2).flags().contains(SystemFlag.SEEN)).as("RETR'd message is \\Seen, as in Dovecot").isTrue();
        assertThat(after.get(0).flags().contains(SystemFlag.SEEN)).isFalse();
    }

    @Test
    void quitExpungesTheDeletedAndMarksRetrievedSeen() throws Exception {
        start(Pop3Settings.defaults());
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            c.command("DELE 2");
            Pop3Client.expectOk(c.command("RETR 1"));
            c.readMultiline();
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out, messages deleted.");
            assertThat(c.readLine()).isNull();
        }
        List<MessageRecord> after = inbox();
        assertThat(after).extracting(MessageRecord::uid).containsExactly(1L, 3L);
        assertThat(after.get(0).flags().contains(SystemFlag.SEEN)).isTrue();
        assertThat(after.get(1).flags().contains(SystemFlag.SEEN)).isFalse();
    }

    @Test
    void rsetForgetsDeletionsAndSeen() throws Exception {
        start(Pop3Settings.defaults());
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            c.command("DELE 2");
            Pop3Client.expectOk(c.command("RETR 1"));
            c.readMultiline();
            assertThat(c.command("RSET")).isEqualTo("+OK");
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out.");
        }
        assertThat(inbox()).hasSize(3).noneMatch(r -> r.flags().contains(SystemFlag.SEEN));
    }

    @Test
    void noFlagUpdatesLeavesSeenAlone() throws Exception {
        start(Pop3Settings.defaults().withFlags(true, false));
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            Pop3Client.expectOk(c.command("RETR 1"));
            c.readMultiline();
            c.command("QUIT");
        }
        assertThat(inbox()).noneMatch(r -> r.flags().contains(SystemFlag.SEEN));
    }

    @Test
    void deletedFlagFlagsInsteadOfExpungingAndHidesFromLaterSessions() throws Exception {
        start(Pop3Settings.defaults().withDeletion(Pop3Settings.DeleteType.DEFAULT, "$POP3Deleted"));
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            c.command("DELE 1");
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out, messages deleted.");
        }
        List<MessageRecord> after = inbox();
        assertThat(after).hasSize(3);
        assertThat(after.get(0).flags().containsKeyword("$POP3Deleted")).isTrue();
        assertThat(after.get(0).flags().contains(SystemFlag.DELETED)).isFalse();
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("STAT")).startsWith("+OK 2 ");
            Pop3Client.expectOk(c.command("UIDL"));
            assertThat(c.readMultiline()).extracting(l -> l.substring(0, 10)).containsExactly("1 00000002", "2 00000003");
        }
    }

    @Test
    void deleteTypeExpungeWithADeletedFlagStillExpunges() throws Exception {
        start(Pop3Settings.defaults().withDeletion(Pop3Settings.DeleteType.EXPUNGE, "$POP3Deleted"));
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            c.command("DELE 1");
            c.command("QUIT");
        }
        assertThat(inbox()).extracting(MessageRecord::uid).containsExactly(2L, 3L);
    }

    @Test
    void lastReportsTheHighestMessageAccessedAndRsetClearsSeen() throws Exception {
        start(Pop3Settings.defaults().withFlags(false, true));
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("LAST")).isEqualTo("+OK 0");
            Pop3Client.expectOk(c.command("RETR 2"));
            c.readMultiline();
            assertThat(c.command("LAST")).isEqualTo("+OK 2");
            c.command("QUIT");
        }
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("LAST")).as("LAST starts at the last \\Seen message").isEqualTo("+OK 2");
            assertThat(c.command("RSET")).isEqualTo("+OK");
            assertThat(c.command("LAST")).isEqualTo("+OK 0");
            c.command("QUIT");
        }
        assertThat(inbox()).noneMatch(r -> r.flags().contains(SystemFlag.SEEN));
    }

    private boolean seen(int seq) {
        try {
            return inbox().get(seq - 1).flags().contains(SystemFlag.SEEN);
        } catch (Exception e) {
            return false;
        }
    }

    static Duration shortWait() {
        return Duration.ofMillis(300);
    }
}
