package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.testkit.mbox.MboxWriterProcess;

/**
 * Another program (a dot-locking, fcntl-locking writer like Postfix local(8)) appends to INBOX while a session
 * has it selected and keeps flagging, expunging (tail rewrites) and saving: nothing is lost, nothing doubled, UIDs
 * stay stable, and the writer's forged X-UID/Status headers are never trusted.
 */
class ConcurrentWriterTest {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <([^@>]+)@");

    @TempDir
    Path dir;

    private static String messageId(SelectedMailbox v, long uid) throws Exception {
        String text = new String(v.openPhysical(uid).readAllBytes(), StandardCharsets.ISO_8859_1);
        Matcher m = MESSAGE_ID.matcher(text);
        assertThat(m.find()).as("message %d has its Message-ID: %s", uid, text).isTrue();
        return m.group(1);
    }

    @Test
    void appendsByAnotherProgramDuringExpungesAreNeitherLostNorDoubled() throws Exception {
        try (MboxFixture f = new MboxFixture(dir)) {
            Set<String> expected = new HashSet<>();
            for (int i = 1; i <= 10; i++) {
                f.inbox().append(MboxFixture.text("Message-ID: <own-" + i + "@example.org>\nSubject: own " + i + "\n\nbody\n"),
                        AppendRequest.DEFAULT);
                expected.add("own-" + i);
            }
            Set<String> expunged = new HashSet<>();
            Map<Long, String> idsByUid = new HashMap<>();
            try (MboxWriterProcess writer = MboxWriterProcess.start(f.inbox, 60, "ext", 0.01, dir);
                    SelectedMailbox v = f.inbox().select(false)) {
                int round = 0;
                while (writer.isAlive() || round < 3) {
                    round++;
                    v.sync(true);
                    for (long uid : v.uids().stream().toArray()) {
                        String id = messageId(v, uid);
                        String before = idsByUid.putIfAbsent(uid, id);
                        assertThat(before == null || before.equals(id)).as("UID %d kept its message", uid).isTrue();
                    }
                    long first = v.uid(1);
                    v.store(UidSet.of(first), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                    if (v.count() > 1) {
                        v.store(UidSet.of(v.uid(v.count())), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
                    }
                    expunged.add(idsByUid.get(first));
                    assertThat(v.expunge(Optional.empty())).isEqualTo(UidSet.of(first));
                    f.inbox().append(MboxFixture.text("Message-ID: <loft-" + round + "@example.org>\nSubject: r\n\nx\n"),
                            AppendRequest.DEFAULT);
                    expected.add("loft-" + round);
                }
                for (String line : writer.finish(60)) expected.add(line.trim());
                v.sync(true);
            }
            assertThat(expected).hasSizeGreaterThan(70);
            f.restart();
            List<String> present = new ArrayList<>();
            try (SelectedMailbox v = f.inbox().select(true)) {
                for (long uid : v.uids().stream().toArray()) {
                    String id = messageId(v, uid);
                    present.add(id);
                    if (idsByUid.containsKey(uid)) assertThat(id).as("UID %d after a restart", uid).isEqualTo(idsByUid.get(uid));
                    if (id.startsWith("ext-")) {
                        assertThat(v.record(v.seq(uid)).flags().contains(SystemFlag.DELETED)).isFalse();
                    }
                }
            }
            Set<String> want = new HashSet<>(expected);
            want.removeAll(expunged);
            assertThat(present).doesNotHaveDuplicates();
            assertThat(new HashSet<>(present)).isEqualTo(want);
        }
    }
}
