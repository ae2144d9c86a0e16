package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** adm import: an mbox spool into the user's Maildir, keeping flags and INTERNALDATE. */
class AdminImportTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "server running: {0}")
    @ValueSource(booleans = {false, true})
    void anMboxSpoolIsImportedUnderAParentMailbox(boolean serverRunning) throws Exception {
        AdminFixture site = new AdminFixture(dir);
        Path spool = Files.createDirectories(dir.resolve("spool")).resolve("jsmith");
        Files.createDirectories(dir.resolve("oldmail"));
        Files.writeString(spool, """
                From alice@example.com Mon Jan  8 10:00:00 2024
                From: alice@example.com
                Subject: old one
                Status: RO

                first body
                
                From bob@example.com Tue Jan  9 11:00:00 2024
                From: bob@example.com
                Subject: old two

                second body
                """);
        LoftServer server = serverRunning ? LoftServer.start(site.config) : null;
        try {
            String source = "mbox:" + dir.resolve("oldmail") + ":INBOX=" + spool;
            AdminFixture.Run run = site.admC("import", "-u", "jsmith", "-s", source, "Imported", "all");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(site.admC("mailbox", "list", "-u", "jsmith").out()).isEqualTo("INBOX\nImported\nImported/INBOX\n");
            assertThat(site.admC("mailbox", "list", "-s", "-u", "jsmith").out()).isEqualTo("Imported/INBOX\n");
            run = site.admC("fetch", "-u", "jsmith", "hdr.subject flags date.received", "mailbox", "Imported/INBOX", "all");
            assertThat(run.out()).contains("hdr.subject: old one\n").contains("hdr.subject: old two\n")
                    .contains("date.received: 2024-01-08 10:00:00").contains("date.received: 2024-01-09 11:00:00");
            assertThat(Files.readString(spool)).contains("old one"); // the source keeps its messages
            run = site.admC("import", "-u", "jsmith", source, "", "subject", "two");
            assertThat(run.exit()).isZero();
            assertThat(site.admC("search", "-u", "jsmith", "mailbox", "INBOX", "all").out().lines().count()).isEqualTo(1);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "server running: {0}")
    @ValueSource(booleans = {false, true})
    void anotherServersMaildirIsImportedWithFlagsAndDates(boolean serverRunning) throws Exception {
        AdminFixture site = new AdminFixture(dir);
        Path old = dir.resolve("old");
        for (String sub : new String[] {"cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"}) {
            Files.createDirectories(old.resolve(sub));
        }
        Files.createFile(old.resolve(".Sent/maildirfolder"));
        Path seen = Files.writeString(old.resolve("cur/1704708000.M1P1.oldhost,S=32:2,S"), "Subject: seen one\n\nhello there\n");
        Path flagged = Files.writeString(old.resolve(".Sent/cur/1704794400.M2P1.oldhost:2,FR"), "Subject: sent one\n\nbye\n");
        Files.setLastModifiedTime(seen, java.nio.file.attribute.FileTime.fromMillis(1704708000_000L));
        Files.setLastModifiedTime(flagged, java.nio.file.attribute.FileTime.fromMillis(1704794400_000L));
        LoftServer server = serverRunning ? LoftServer.start(site.config) : null;
        try {
            AdminFixture.Run run = site.admC("import", "-u", "jsmith", "maildir:" + old, "", "all");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            run = site.admC("fetch", "-u", "jsmith", "mailbox hdr.subject flags date.received", "all");
            // \\Recent depends on whether the server that saved them still has them unclaimed, as in Dovecot
            String out = run.out().replace(" \\Recent", "");
            assertThat(out).contains("mailbox: INBOX\nhdr.subject: seen one\nflags: \\Seen\ndate.received: "
                    + FetchDate.of(1704708000L) + "\n");
            assertThat(out).contains("mailbox: Sent\nhdr.subject: sent one\nflags: \\Answered \\Flagged\n"
                    + "date.received: " + FetchDate.of(1704794400L) + "\n");
            run = site.admC("import", "-u", "jsmith", "-U", "alice", "maildir:" + old, "", "all");
            assertThat(run.exit()).isEqualTo(64);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** date.received as doveadm prints it, in this machine's zone. */
    static final class FetchDate {
        static String of(long epochSecond) {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .format(java.time.Instant.ofEpochSecond(epochSecond).atZone(java.time.ZoneId.systemDefault()));
        }
    }
}
