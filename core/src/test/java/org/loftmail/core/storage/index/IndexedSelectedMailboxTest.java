package org.loftmail.core.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.core.storage.search.PlainContentMatcher;
import org.loftmail.core.storage.search.SearchKey;

/**
 * The index layer with a backend of a few dozen lines (messages in memory): what a session sees at its sync
 * points comes from the layer, not from Maildir.
 */
class IndexedSelectedMailboxTest {

    @TempDir
    Path dir;

    /** Messages in a map; the location is "m<uid>". Only what the contract asks. */
    private final class MemoryBackend implements MailboxBackend, DiskStamp {
        final MailboxIndex index = new MailboxIndex(MailboxName.INBOX, dir, PlainIndexFiles.INSTANCE, ChangeFeed.Watch.NONE);
        final Map<String, byte[]> stored = new HashMap<>();
        long next = 1;

        MemoryBackend() {
            index.diskStamp(this);
            index.lock().lock();
            try {
                index.uidValidity(42);
            } finally {
                index.lock().unlock();
            }
        }

        long deliver(String text, Flags flags) {
            long uid;
            index.lock().lock();
            try {
                uid = next++;
                stored.put("m" + uid, text.getBytes(StandardCharsets.US_ASCII));
                index.add(new IndexRecord(uid, "k" + uid, "m" + uid, flags, Instant.ofEpochSecond(1_700_000_000L),
                        text.length(), text.length(), index.nextModSeq(), "k" + uid), true);
                index.changed();
                index.commit();
            } finally {
                index.lock().unlock();
            }
            index.feed().publish(MailboxChange.Kind.APPENDED, UidSet.of(uid));
            return uid;
        }

        @Override
        public MailboxIndex index() {
            return index;
        }

        @Override
        public void refresh() {
            // nothing changes behind this backend's back
        }

        @Override
        public long uidNext() {
            return next;
        }

        @Override
        public String current() {
            return "memory";
        }

        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public void recentClaimed(Collection<Long> uids) {
            // \Recent needs nothing on disk here
        }

        @Override
        public FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) {
            List<MessageRecord> changed = new ArrayList<>();
            List<Long> skipped = new ArrayList<>();
            index.lock().lock();
            try {
                for (long uid : uids.stream().toArray()) {
                    IndexRecord r = index.get(uid);
                    if (r == null) continue;
                    if (unchangedSince >= 0 && r.modSeq() > unchangedSince) {
                        skipped.add(uid);
                        continue;
                    }
                    Flags want = newFlags.apply(r.flags());
                    if (want.equals(r.flags())) continue;
                    index.setFlags(r, want);
                    changed.add(r.toMessageRecord());
                }
                index.changed();
                index.commit();
            } finally {
                index.lock().unlock();
            }
            index.feed().publish(MailboxChange.Kind.FLAGS, UidSet.of(changed.stream().map(MessageRecord::uid).toList()));
            return new FlagWrite(changed, skipped);
        }

        @Override
        public UidSet expunge(UidSet uids, boolean onlyDeleted) {
            List<Long> gone = new ArrayList<>();
            index.lock().lock();
            try {
                for (long uid : uids.stream().toArray()) {
                    IndexRecord r = index.get(uid);
                    if (r == null || (onlyDeleted && !r.flags().contains(SystemFlag.DELETED))) continue;
                    stored.remove(r.location());
                    gone.add(uid);
                }
                index.expunge(gone);
                index.changed();
                index.commit();
            } finally {
                index.lock().unlock();
            }
            index.feed().publish(MailboxChange.Kind.EXPUNGED, UidSet.of(gone));
            return UidSet.of(gone);
        }

        @Override
        public CopyResult copy(SelectedMailbox source, UidSet uids, Mailbox target) throws MailStorageException {
            throw new MailboxOperationException("this test backend has one mailbox");
        }

        @Override
        public InputStream open(String location) throws IOException {
            byte[] b = stored.get(location);
            if (b == null) throw new NoSuchFileException(location);
            return new ByteArrayInputStream(b);
        }

        @Override
        public boolean contentMatches(String location, SearchKey key) throws IOException {
            try (InputStream in = open(location)) {
                return PlainContentMatcher.matches(key, in);
            }
        }

        @Override
        public Set<String> keywords() {
            return Set.of();
        }

        @Override
        public boolean canCreateKeywords() {
            return true;
        }

        @Override
        public Map<Long, String> savedPop3Uidls(UidSet uids) {
            return Map.of();
        }

        @Override
        public void savePop3Uidls(Map<Long, String> uidls) {
            // POP3 UIDLs are not kept by this backend
        }
    }

    private MemoryBackend backend;

    @BeforeEach
    void newBackend() {
        backend = new MemoryBackend();
    }

    private SelectedMailbox select(boolean readOnly) throws MailStorageException {
        return new IndexedSelectedMailbox(null, backend, readOnly);
    }

    @Test
    void newMessagesAndRecentReachEachSessionAtItsSyncPoint() throws Exception {
        backend.deliver("Subject: one\n\nx\n", Flags.NONE);
        try (SelectedMailbox a = select(false); SelectedMailbox b = select(false)) {
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.recentCount()).as("the first writable session takes \\Recent").isEqualTo(1);
            assertThat(b.recentCount()).isZero();
            backend.deliver("Subject: two\n\ny\n", Flags.of(SystemFlag.SEEN));
            assertThat(a.count()).as("nothing changes between sync points").isEqualTo(1);
            SyncResult r = b.sync(true);
            assertThat(r.exists()).isEqualTo(2);
            assertThat(r.existsChanged()).isTrue();
            assertThat(r.recent()).isEqualTo(1);
            assertThat(b.record(2).flags()).isEqualTo(Flags.of(SystemFlag.SEEN));
            assertThat(a.sync(true).recent()).as("\\Recent went to b").isEqualTo(1);
            assertThat(a.isRecent(2)).isFalse();
        }
    }

    @Test
    void expungesWaitUntilTheSessionMayReportThemAndFlagChangesAreReportedOnce() throws Exception {
        for (int i = 1; i <= 4; i++) backend.deliver("Subject: m" + i + "\n\nbody " + i + "\n", Flags.NONE);
        try (SelectedMailbox a = select(false); SelectedMailbox b = select(true)) {
            a.store(UidSet.of(2, 3), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            assertThat(a.sync(true).flagUpdates()).as("a's own STORE is not repeated").isEmpty();
            assertThat(b.sync(true).flagUpdates()).extracting(u -> u.uid()).containsExactly(2L, 3L);
            long before = b.highestModSeq();
            assertThat(a.expunge(Optional.empty())).isEqualTo(UidSet.of(2, 3));

            SyncResult quiet = b.sync(false);
            assertThat(quiet.expungeSeqs()).isEmpty();
            assertThat(b.count()).as("expunged messages stay in the map").isEqualTo(4);
            assertThat(b.search(new SearchKey.Body("body"))).as("but match nothing").isEqualTo(UidSet.of(1, 4));
            assertThatExpunged(b, 2);

            SyncResult r = b.sync(true);
            assertThat(r.expungeSeqs()).containsExactly(2, 2);
            assertThat(r.expunged()).isEqualTo(UidSet.of(2, 3));
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.expungedSince(before)).isEqualTo(UidSet.of(2, 3));
            assertThat(b.storageId(4)).contains("k4");
        }
    }

    private static void assertThatExpunged(SelectedMailbox view, long uid) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.open(uid))
                .isInstanceOf(org.loftmail.core.storage.MessageExpungedException.class);
    }
}
