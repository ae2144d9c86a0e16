package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * The two crash points of a rewrite, made exact: a complete journal whose copy never happened is replayed by the
 * next process before it reads the mbox; a journal torn before its fsync is dropped and the mbox is as it was.
 */
class RewriteJournalTest {

    @TempDir
    Path dir;

    private Path journalAfterCrash(MboxFixture f, boolean dropSecond) throws Exception {
        for (int i = 1; i <= 3; i++) f.inbox().append(MboxFixture.text("Subject: " + i + "\n\nbody " + i + "\n"), AppendRequest.DEFAULT);
        Path journal = f.mail.resolve(".imap/INBOX/loft.mbox-rewrite");
        try (MboxAccess a = MboxAccess.open(f.inbox, true, MboxSettings.DEFAULTS)) {
            List<ScannedMessage> all = new MboxScanner(a.channel(), a.channel().size()).scan(0);
            List<MboxRewriter.Action> actions = new ArrayList<>();
            actions.add(new MboxRewriter.Keep(all.get(1)));
            if (!dropSecond) actions.add(new MboxRewriter.Keep(all.get(2)));
            else actions.add(new MboxRewriter.Drop(all.get(2)));
            // the process "dies" after the journal's fsync, before it copies anything into the mbox
            new MboxRewriter(journal).journal(a, all.get(1).from, actions);
        }
        return journal;
    }

    @Test
    void aCompleteJournalIsReplayedBeforeTheMailboxIsRead() throws Exception {
        Path journal;
        try (MboxFixture f = new MboxFixture(dir)) {
            journal = journalAfterCrash(f, true);
        }
        assertThat(journal).exists();
        try (MboxFixture f = new MboxFixture(dir); SelectedMailbox v = f.inbox().select(false)) {
            assertThat(v.uids()).isEqualTo(UidSet.of(1, 2));
            assertThat(new String(v.openPhysical(2).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: 2\n\nbody 2\n");
            assertThat(journal).doesNotExist();
            assertThat(v.record(1).flags()).isEqualTo(Flags.NONE);
        }
    }

    @Test
    void aTornJournalIsDroppedAndTheMailboxIsUntouched() throws Exception {
        Path journal;
        byte[] before;
        try (MboxFixture f = new MboxFixture(dir)) {
            journal = journalAfterCrash(f, true);
            before = Files.readAllBytes(f.inbox);
            try (FileChannel j = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                j.truncate(j.size() - 5); // the crash came before the journal was complete
            }
        }
        try (MboxFixture f = new MboxFixture(dir); SelectedMailbox v = f.inbox().select(false)) {
            assertThat(v.uids()).isEqualTo(UidSet.of(1, 2, 3));
            assertThat(journal).doesNotExist();
            assertThat(Files.readAllBytes(f.inbox)).isEqualTo(before);
        }
    }
}
