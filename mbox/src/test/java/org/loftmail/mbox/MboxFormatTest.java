package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.SelectedMailbox;

/** What Loft writes into an mbox and how it reads what others wrote (Postfix, mutt, damaged files). */
class MboxFormatTest {

    @TempDir
    Path dir;

    MboxFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new MboxFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String file() throws Exception {
        return Files.readString(f.inbox, StandardCharsets.ISO_8859_1);
    }

    private static String body(SelectedMailbox v, int seq) throws Exception {
        return new String(v.openPhysical(v.uid(seq)).readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void appendWritesDovecotsLayout() throws Exception {
        Instant date = Instant.parse("2026-12-07T21:37:27Z");
        f.inbox().append(MboxFixture.text("Return-Path: <alice@example.org>\r\nSubject: one\r\n\r\nbody\r\nFrom here\r\n"),
                new AppendRequest(Optional.of(date), Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of("$Junk"))));
        long validity = f.inbox().status().uidValidity();
        assertThat(file()).isEqualTo("From alice@example.org  Mon Dec 07 21:37:27 2026\n"
                + "Return-Path: <alice@example.org>\nSubject: one\n"
                + "X-IMAPbase: " + validity + " 0000000001 $Junk\n"
                + "X-UID: 1\nStatus: R\nX-Status: F\n"
                + "X-Keywords: $Junk" + " ".repeat(50) + "\n"
                + "Content-Length: 15\n\nbody\nFrom here\n\n");
        f.inbox().append(MboxFixture.text("Subject: two\n\nno final newline"), AppendRequest.DEFAULT);
        assertThat(file()).contains("X-IMAPbase: " + validity + " 0000000002 $Junk\n")
                .endsWith("X-UID: 2\nStatus: \nX-Keywords:" + " ".repeat(50) + "\nContent-Length: 16\n\nno final newline\n")
                .contains("\n\nFrom MAILER-DAEMON  ");
    }

    @Test
    void forgedStateHeadersOfANewMessageAreDropped() throws Exception {
        f.inbox().append(MboxFixture.text("Subject: forged\nX-UID: 77\nStatus: RO\nX-Status: D\nX-Keywords: Forged\n"
                + "X-IMAPbase: 1 0000000099\nContent-Length: 1\n\nbody\n"), AppendRequest.DEFAULT);
        assertThat(file()).doesNotContain("X-UID: 77", "Forged", "X-Status", "0000000099").contains("X-UID: 1\n");
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.record(1).flags()).isEqualTo(Flags.NONE);
            assertThat(body(v, 1)).isEqualTo("Subject: forged\n\nbody\n");
        }
    }

    @Test
    void aPostfixSpoolIsReadAndNumberedInPlace() throws Exception {
        // as Postfix local(8) writes: From line, Return-Path, Delivered-To, body From lines quoted (mboxo), blank line
        String spool = "From alice@example.org  Mon Dec  7 09:01:02 2026\nReturn-Path: <alice@example.org>\n"
                + "Delivered-To: jsmith@example.com\nSubject: a\nStatus: RO\nX-UID: 5\n\nhello\n>From the start\n\n"
                + "From bob@example.org Tue Dec  8 10:00 2026\nSubject: b\n\n>>From twice\nlast\n\n"
                + "From carol@example.org  Wed Dec  9 11:12:13 +0100 2026\nSubject: c\n\nc body\n\n";
        Files.writeString(f.inbox, spool, StandardCharsets.ISO_8859_1);
        try (SelectedMailbox v = f.inbox().select(false)) {
            assertThat(v.count()).isEqualTo(3);
            assertThat(v.uids()).isEqualTo(UidSet.of(1, 2, 3));
            assertThat(v.record(1).flags()).as("Status of a delivered message is not trusted").isEqualTo(Flags.NONE);
            assertThat(v.record(1).internalDate()).isEqualTo(Instant.parse("2026-12-07T09:01:02Z"));
            assertThat(v.record(2).internalDate()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
            assertThat(v.record(3).internalDate()).isEqualTo(Instant.parse("2026-12-09T10:12:13Z"));
            assertThat(body(v, 1)).isEqualTo("Return-Path: <alice@example.org>\nDelivered-To: jsmith@example.com\nSubject: a\n\nhello\n>From the start\n");
            assertThat(body(v, 2)).isEqualTo("Subject: b\n\n>>From twice\nlast\n");
            assertThat(v.record(1).virtualSize()).isEqualTo(body(v, 1).replace("\n", "\r\n").length());
            assertThat(v.isRecent(1)).isTrue();
        }
        String now = file();
        assertThat(now).contains("X-UID: 1\n", "X-UID: 2\n", "X-UID: 3\n").contains("0000000003").doesNotContain("X-UID: 5");
        f.restart();
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.uids()).as("same UIDs after a restart").isEqualTo(UidSet.of(1, 2, 3));
            assertThat(body(v, 3)).isEqualTo("Subject: c\n\nc body\n");
        }
    }

    @Test
    void contentLengthKeepsUnquotedFromLinesInsideTheBodyOnlyWhenConsistent() throws Exception {
        String inner = "line\nFrom mallory@example.org  Mon Dec 07 21:37:27 2026\nstill body\n";
        String good = "From a@example.org  Mon Dec 07 21:37:27 2026\nSubject: cl\nContent-Length: " + inner.length()
                + "\n\n" + inner + "\n";
        Files.writeString(f.inbox, good + good.replace("Subject: cl", "Subject: second"), StandardCharsets.ISO_8859_1);
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.count()).isEqualTo(2);
            assertThat(body(v, 1)).isEqualTo("Subject: cl\n\n" + inner);
        }
        f.restart();
        String wrong = good.replace("Content-Length: " + inner.length(), "Content-Length: 3");
        Files.writeString(f.inbox, wrong, StandardCharsets.ISO_8859_1);
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.count()).as("an inconsistent Content-Length is ignored: the From line splits").isEqualTo(2);
            // the LF before a separator belongs to the separator, as in every mbox reader
            assertThat(body(v, 1)).isEqualTo("Subject: cl\n\nline");
        }
    }

    @Test
    void damagedFilesAreServed() throws Exception {
        // no From line at the start, CR LF line ends, a body line "From " without a date, a truncated last message
        String damaged = "Subject: orphan\r\n\r\norphan body\r\nFrom here on\r\n\r\n"
                + "From b@example.org  Mon Dec 07 21:37:27 2026\r\nSubject: crlf\r\n\r\ncrlf body\r\n\r\n"
                + "From c@example.org  Mon Dec 07 21:37:28 2026\nSubject: cut\nContent-Length: 500\n\ncut off in the mid";
        Files.writeString(f.inbox, damaged, StandardCharsets.ISO_8859_1);
        try (SelectedMailbox v = f.inbox().select(false)) {
            assertThat(v.count()).isEqualTo(3);
            assertThat(body(v, 1)).isEqualTo("Subject: orphan\r\n\r\norphan body\r\nFrom here on\r\n");
            assertThat(body(v, 2)).isEqualTo("Subject: crlf\r\n\r\ncrlf body\r\n");
            assertThat(new String(v.open(v.uid(2)).readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("Subject: crlf\r\n\r\ncrlf body\r\n");
            assertThat(v.record(2).virtualSize()).isEqualTo(v.record(2).physicalSize());
            assertThat(body(v, 3)).isEqualTo("Subject: cut\n\ncut off in the mid");
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
        }
        f.restart();
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.uids()).isEqualTo(UidSet.of(1, 2, 3));
            assertThat(v.record(3).flags()).isEqualTo(Flags.of(SystemFlag.SEEN));
            assertThat(body(v, 1)).startsWith("Subject: orphan").contains("orphan body");
        }
        assertThat(file()).startsWith("From MAILER-DAEMON  ");
    }

    @Test
    void anEmptiedMailboxKeepsItsUidValidityInDovecotsPlaceholder() throws Exception {
        f.inbox().append(MboxFixture.text("Subject: 1\n\nx\n"), AppendRequest.DEFAULT);
        f.inbox().append(MboxFixture.text("Subject: 2\n\nx\n"), AppendRequest.DEFAULT);
        long validity = f.inbox().status().uidValidity();
        try (SelectedMailbox v = f.inbox().select(false)) {
            v.store(UidSet.of(1, 2), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
        }
        assertThat(file()).contains("X-IMAP: " + validity + " 0000000002\n", "FOLDER INTERNAL DATA");
        f.restart();
        assertThat(f.inbox().status().messages()).isZero();
        assertThat(f.inbox().status().uidValidity()).isEqualTo(validity);
        assertThat(f.inbox().append(MboxFixture.text("Subject: 3\n\nx\n"), AppendRequest.DEFAULT).uid()).isEqualTo(3);
        assertThat(file()).contains("X-IMAP: " + validity + " 0000000003\n");
        f.restart();
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.uids()).isEqualTo(UidSet.of(3));
            assertThat(body(v, 1)).isEqualTo("Subject: 3\n\nx\n");
        }
    }

    @Test
    void anotherProgramsAppendIsSeenAtTheNextSyncWithoutTrustingItsHeaders() throws Exception {
        f.inbox().append(MboxFixture.text("Subject: 1\n\nx\n"), AppendRequest.DEFAULT);
        try (SelectedMailbox v = f.inbox().select(false)) {
            Files.writeString(f.inbox, "From evil@example.org  Mon Dec 07 21:37:27 2026\nSubject: 2\nX-UID: 1\nStatus: RO\n"
                    + "X-Status: D\n\nforged\n\n", StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
            assertThat(v.count()).isEqualTo(1);
            var s = v.sync(true);
            assertThat(s.exists()).isEqualTo(2);
            assertThat(v.uid(2)).isEqualTo(2);
            assertThat(v.record(2).flags()).isEqualTo(Flags.NONE);
            assertThat(body(v, 2)).isEqualTo("Subject: 2\n\nforged\n");
        }
        assertThat(file()).contains("X-UID: 2\n").doesNotContain("X-Status: D");
    }

    @Test
    void flagChangesAreWrittenInPlaceIntoThePadding() throws Exception {
        for (int i = 1; i <= 3; i++) f.inbox().append(MboxFixture.text("Subject: " + i + "\n\nbody " + i + "\n"), AppendRequest.DEFAULT);
        byte[] before = Files.readAllBytes(f.inbox);
        String key = Files.readAttributes(f.inbox, java.nio.file.attribute.BasicFileAttributes.class).fileKey().toString();
        try (SelectedMailbox v = f.inbox().select(false)) {
            v.store(UidSet.of(1), FlagChange.ADD, Flags.of(List.of(SystemFlag.SEEN, SystemFlag.ANSWERED), List.of("$Label1", "Work")),
                    OptionalLong.empty());
            v.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
        }
        byte[] after = Files.readAllBytes(f.inbox);
        assertThat(after).hasSameSizeAs(before);
        String text = new String(after, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("X-IMAPbase: ", " $Label1 Work\n", "X-UID: 1\nStatus: RO\nX-Status: A\nX-Keywords: $Label1 Work ",
                "X-UID: 2\nStatus: O\nX-Status: F\nX-Keywords: ");
        assertThat(Files.readAttributes(f.inbox, java.nio.file.attribute.BasicFileAttributes.class).fileKey().toString()).isEqualTo(key);
        // the bodies did not move
        String old = new String(before, StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf("body 3")).isEqualTo(old.indexOf("body 3"));
        f.restart();
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.record(1).flags()).isEqualTo(Flags.of(List.of(SystemFlag.SEEN, SystemFlag.ANSWERED), List.of("$Label1", "Work")));
            assertThat(v.record(2).flags()).isEqualTo(Flags.of(SystemFlag.FLAGGED));
            assertThat(v.keywords()).contains("$Label1", "Work");
        }
        // more keywords than the padding holds: the tail is rewritten instead, and nothing is lost
        try (SelectedMailbox v = f.inbox().select(false)) {
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(List.of(), List.of("k".repeat(60), "l".repeat(60))), OptionalLong.empty());
            assertThat(v.record(3).flags().keywords()).hasSize(2);
        }
        f.restart();
        try (SelectedMailbox v = f.inbox().select(true)) {
            assertThat(v.record(3).flags().keywords()).hasSize(2);
            assertThat(new String(v.openPhysical(3).readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("Subject: 3\n\nbody 3\n");
        }
    }

    @Test
    void aLargeMessageIsServedAndSearchedThroughATemporaryFile() throws Exception {
        String line = "0123456789".repeat(7) + "\n";
        StringBuilder body = new StringBuilder();
        while (body.length() < MboxState.IN_MEMORY + 1000) body.append(line);
        body.append("needle at the end\n");
        f.inbox().append(MboxFixture.text("Subject: big\n\n" + body), AppendRequest.DEFAULT);
        try (SelectedMailbox v = f.inbox().select(true)) {
            byte[] read;
            try (var in = v.openPhysical(1)) {
                read = in.readAllBytes();
            }
            assertThat(read.length).isEqualTo(("Subject: big\n\n" + body).length()).isEqualTo((int) v.record(1).physicalSize());
            assertThat(v.search(new org.loftmail.core.storage.search.SearchKey.Body("needle at the end"))).isEqualTo(UidSet.of(1));
        }
        try (var files = Files.list(f.mail.resolve(".imap/INBOX"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("loft-mbox-read"));
        }
    }
}
