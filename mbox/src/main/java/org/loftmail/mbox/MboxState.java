package org.loftmail.mbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.index.DiskStamp;
import org.loftmail.core.storage.index.IndexFileCreator;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.MailboxBackend;
import org.loftmail.core.storage.index.MailboxIndex;
import org.loftmail.core.storage.search.MimeContentMatcher;
import org.loftmail.core.storage.search.SearchKey;

/**
 * One mbox file as every session of the process shares it: the shared index (ADR 0303) kept in step with the file,
 * and everything that touches the file — finding other programs' changes, saving, flag writes and expunges (tail
 * rewrites through {@link MboxRewriter}), reading messages. The file is the truth: UIDVALIDITY and the last UID in
 * X-IMAPbase, each message's UID in X-UID, its flags in Status/X-Status/X-Keywords, as Dovecot keeps them. All of
 * it runs under the index lock (one thread per mailbox in this process) and the configured file locks (other
 * processes). See docs/adr/0307-mbox-backend.md.
 */
final class MboxState implements MailboxBackend, DiskStamp {

    private final MailboxName name;
    private final Path file;
    private final Path indexDir;
    private final Path tempDir;
    private final MboxSettings settings;
    private final LongSupplier newUidValidity;
    private final MailboxIndex index;
    private final MboxRewriter rewriter;
    private final Path pop3UidlFile;
    private final Confinement confinement;

    private FileStamp stamp;
    private long uidNext = 1;
    private final Set<String> baseKeywords = new TreeSet<>();
    private boolean retired;

    MboxState(MailboxName name, Path file, Path indexDir, IndexFileCreator creator, MboxSettings settings, LongSupplier newUidValidity,
            Confinement confinement) {
        this.name = name;
        this.confinement = confinement;
        this.file = file;
        this.indexDir = indexDir;
        this.tempDir = indexDir;
        this.settings = settings;
        this.newUidValidity = newUidValidity;
        this.index = new MailboxIndex(name, indexDir, creator, new MboxWatch(this));
        this.rewriter = new MboxRewriter(indexDir.resolve("loft.mbox-rewrite"));
        this.pop3UidlFile = indexDir.resolve("loft.pop3-uidls");
        index.diskStamp(this);
        index.lock().lock();
        try {
            index.load().ifPresent(stored -> {
                try {
                    FileStamp now = FileStamp.of(file);
                    if (stored.backendStamp().equals(now.encode()) && now.settled() && !Files.exists(indexDir.resolve("loft.mbox-rewrite"))) {
                        stamp = now;
                        uidNext = Math.max(stored.uidNext(), index.records().isEmpty() ? 1 : index.records().lastKey() + 1);
                    }
                } catch (IOException e) {
                    // rescan at the first refresh
                }
            });
        } finally {
            index.lock().unlock();
        }
    }

    Path file() {
        return file;
    }

    MailboxName name() {
        return name;
    }

    /** The mailbox was deleted or renamed: later use fails. */
    void retire() {
        index.lock().lock();
        try {
            retired = true;
        } finally {
            index.lock().unlock();
        }
    }

    // ---------------------------------------------------------------- DiskStamp

    @Override
    public String current() {
        return stamp == null ? "unknown" : stamp.encode();
    }

    @Override
    public boolean settled() {
        return stamp != null && stamp.settled();
    }

    @Override
    public long uidNext() {
        return uidNext;
    }

    /** True when the file changed since the last look (for the watcher; no lock needed). */
    boolean changedOnDisk() {
        try {
            FileStamp s = stamp;
            return s == null || !FileStamp.of(file).sameAs(s);
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- finding changes

    @Override
    public MailboxIndex index() {
        return index;
    }

    @Override
    public void refresh() throws MailStorageException {
        if (retired) throw new MailboxNotFoundException(name);
        try {
            FileStamp now = FileStamp.of(file);
            if (now.sameAs(stamp) && !Files.exists(indexDir.resolve("loft.mbox-rewrite"))) {
                index.commitIfDirty();
                return;
            }
            if (now == FileStamp.MISSING && !Files.exists(file)) {
                emptied(now);
                return;
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot stat " + file + ": " + e, e);
        }
        boolean writable = Files.isWritable(file);
        try (MboxAccess a = MboxAccess.open(file, writable, settings, confinement)) {
            sync(a, writable);
        }
    }

    /** The file is gone (another program removed the spool): every message is expunged, UIDs continue. */
    private void emptied(FileStamp now) {
        if (!index.records().isEmpty()) {
            index.expunge(new ArrayList<>(index.records().keySet()));
            index.changed();
        }
        if (index.uidValidity() == 0) index.uidValidity(newUidValidity.getAsLong());
        stamp = now;
        index.commit();
    }

    /** Brings the index in step with the file; the caller holds the index lock and the file locks. */
    private void sync(MboxAccess a, boolean writable) throws MailStorageException {
        try {
            if (writable && rewriter.recover(a)) stamp = null; // a crashed rewrite was completed: look at everything
            FileChannel ch = a.channel();
            long size = ch.size();
            FileStamp now = FileStamp.of(file);
            if (stamp != null && now.key().equals(stamp.key()) && size > stamp.size() && onlyAppended(ch, size)) {
                long from = stamp.size();
                if (readByte(ch, from) == '\n' && from > 0) from++; // the writer ended the old last line first
                List<ScannedMessage> added = new MboxScanner(ch, size).scan(from);
                apply(a, added, false, writable);
            } else {
                apply(a, new MboxScanner(ch, size).scan(0), true, writable);
            }
            stamp = FileStamp.of(file);
            index.commit();
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot read mbox " + file + ": " + e, e);
        }
    }

    /** True when the old content is still in place (the last known message still starts where it did). */
    private boolean onlyAppended(FileChannel ch, long size) throws IOException {
        if (index.records().isEmpty()) return false; // nothing to keep: a whole scan costs the same
        MboxSpan last = MboxSpan.parse(index.records().lastEntry().getValue().location());
        Optional<String> line = lineAt(ch, last.from());
        if (line.isEmpty()) return false;
        byte[] b = line.get().getBytes(StandardCharsets.ISO_8859_1);
        return last.from() == last.header() || FromLine.isSeparator(b, b.length);
    }

    private static Optional<String> lineAt(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(FromLine.MAX_LENGTH + 1);
        int n = ch.read(b, pos);
        if (n <= 0) return Optional.empty();
        String s = new String(b.array(), 0, n, StandardCharsets.ISO_8859_1);
        int eol = s.indexOf('\n');
        return Optional.of(eol < 0 ? s : s.substring(0, eol));
    }

    private static int readByte(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        return ch.read(b, pos) == 1 ? b.get(0) : -1;
    }

    /**
     * Applies scanned messages to the index. {@code whole}: they are the whole file (messages not among them are
     * gone); else they were appended after the known ones. Messages without a trustworthy X-UID get new UIDs,
     * written into the file at once when it is writable, so the next reader (Loft or Dovecot) sees the same UIDs.
     */
    private void apply(MboxAccess a, List<ScannedMessage> scanned, boolean whole, boolean writable) throws IOException {
        List<ScannedMessage> msgs = new ArrayList<>(scanned);
        ScannedMessage.Base base = null;
        boolean hasPseudo = false;
        if (whole && !msgs.isEmpty()) {
            base = msgs.get(0).base;
            if (msgs.get(0).pseudo) {
                msgs.remove(0);
                hasPseudo = true;
            }
        } else if (!whole) {
            base = readBase(a.channel());
        }
        if (whole) {
            if (base != null && index.uidValidity() != 0 && base.uidValidity() != index.uidValidity()) {
                index.clear(); // another UIDVALIDITY: the file was replaced or renumbered
                uidNext = 1;
            }
            if (base != null) {
                index.uidValidity(base.uidValidity());
                baseKeywords.clear();
                baseKeywords.addAll(base.keywords());
            } else if (index.uidValidity() == 0) {
                index.uidValidity(newUidValidity.getAsLong());
            }
        }
        if (base != null) uidNext = Math.max(uidNext, base.lastUid() + 1);
        long lastUid = base == null ? 0 : base.lastUid();
        long prevUid = whole ? 0 : (index.records().isEmpty() ? 0 : index.records().lastKey());
        Map<Long, Long> seen = new LinkedHashMap<>();
        List<ScannedMessage> unnumbered = new ArrayList<>();
        Map<ScannedMessage, Long> assigned = new HashMap<>();
        for (ScannedMessage m : msgs) {
            boolean trusted = base != null && m.uid > prevUid && m.uid <= lastUid && !seen.containsKey(m.uid);
            long uid;
            if (trusted) {
                uid = m.uid;
            } else {
                uid = uidNext++;
                unnumbered.add(m);
            }
            assigned.put(m, uid);
            prevUid = uid;
            seen.put(uid, uid);
            uidNext = Math.max(uidNext, uid + 1);
            IndexRecord r = index.get(uid);
            Flags flags = trusted ? m.flags() : Flags.NONE;
            baseKeywords.addAll(flags.keywords());
            if (r == null) {
                Instant date = m.fromLine != null ? m.fromLine.date() : Instant.ofEpochSecond(Files.getLastModifiedTime(file).toInstant().getEpochSecond());
                index.add(new IndexRecord(uid, Long.toString(uid), m.span().location(), flags, date, m.servedSize,
                        m.virtualSize, index.nextModSeq(), m.headerMd5), !trusted || m.recent());
            } else {
                if (!r.location().equals(m.span().location())) index.relocate(r, m.span().location());
                if (!r.flags().equals(flags)) index.setFlags(r, flags);
            }
        }
        if (whole) {
            List<Long> gone = new ArrayList<>();
            for (long uid : index.records().keySet()) if (!seen.containsKey(uid)) gone.add(uid);
            index.expunge(gone);
        }
        index.changed();
        boolean needsBase = !msgs.isEmpty() && base == null;
        if (writable && (!unnumbered.isEmpty() || needsBase)) {
            ScannedMessage firstChanged = needsBase ? msgs.get(0) : unnumbered.get(0);
            persistUids(a, msgs, firstChanged, assigned, hasPseudo);
        }
    }

    /** Writes X-UID (and X-IMAPbase) for the messages from {@code first} on. */
    private void persistUids(MboxAccess a, List<ScannedMessage> msgs, ScannedMessage first, Map<ScannedMessage, Long> assigned,
            boolean hasPseudo) throws IOException {
        List<MboxRewriter.Action> actions = new ArrayList<>();
        boolean started = false;
        boolean firstInFile = !hasPseudo;
        List<Long> order = new ArrayList<>();
        for (ScannedMessage m : msgs) {
            if (m == first) started = true;
            if (!started) {
                firstInFile = false;
                continue;
            }
            long uid = assigned.get(m);
            IndexRecord r = index.get(uid);
            String base = firstInFile ? DovecotHeaders.base(index.uidValidity(), uidNext - 1, keywordsForBase()) : null;
            actions.add(new MboxRewriter.Rewrite(m, uid, r.flags(), index.unclaimedRecent().contains(uid), base));
            firstInFile = false;
            order.add(uid);
        }
        long offset = first.from;
        rewriteAndRelocate(a, offset, actions, order);
        if (offset > 0) updateLastUid(a, uidNext - 1);
    }

    private Set<String> keywordsForBase() {
        Set<String> all = new TreeSet<>(baseKeywords);
        for (IndexRecord r : index.records().values()) all.addAll(r.flags().keywords());
        return all;
    }

    /** Runs a rewrite and moves the kept messages' index records to where they are now. */
    private void rewriteAndRelocate(MboxAccess a, long offset, List<MboxRewriter.Action> actions, List<Long> keptUids) throws IOException {
        long end = rewriter.rewrite(a, offset, actions);
        List<ScannedMessage> after = new MboxScanner(a.channel(), end).scan(offset);
        if (!after.isEmpty() && after.get(0).pseudo) after.remove(0);
        if (after.size() != keptUids.size()) {
            stamp = null; // should not happen; the next refresh rescans the whole file
            throw new IOException("mbox rewrite of " + file + " produced " + after.size() + " messages, expected " + keptUids.size());
        }
        for (int i = 0; i < after.size(); i++) {
            IndexRecord r = index.get(keptUids.get(i));
            if (r != null && !r.location().equals(after.get(i).span().location())) index.relocate(r, after.get(i).span().location());
        }
        stamp = FileStamp.of(file);
    }

    /** The X-IMAPbase (or X-IMAP) of the file's first message. */
    private ScannedMessage.Base readBase(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) return null;
        LineReader r = new LineReader(ch, 0, size);
        if (!r.next() || !FromLine.isSeparator(r.line, r.contentLength())) return null;
        ScannedMessage probe = new MboxScanner(ch, size).scanHeaderOnly(0);
        return probe == null ? null : probe.base;
    }

    /** Writes the last UID into the 10 digits of X-IMAPbase in place; rewrites the first message when they are not there. */
    private void updateLastUid(MboxAccess a, long lastUid) throws IOException {
        FileChannel ch = a.channel();
        ScannedMessage first = new MboxScanner(ch, ch.size()).scanHeaderOnly(0);
        if (first != null && first.base != null && first.base.lastUidOffset() > 0 && first.base.lastUid() <= lastUid
                && lastUid <= 9_999_999_999L) {
            ch.write(ByteBuffer.wrap(String.format(java.util.Locale.ROOT, "%010d", lastUid).getBytes(StandardCharsets.US_ASCII)),
                    first.base.lastUidOffset());
            ch.force(false);
            return;
        }
        if (first != null && first.base != null && first.base.lastUid() > lastUid) return;
        // no rewritable X-IMAPbase: give the first message a fresh header
        List<ScannedMessage> all = new MboxScanner(ch, ch.size()).scan(0);
        if (all.isEmpty()) return;
        List<MboxRewriter.Action> actions = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        ScannedMessage m0 = all.get(0);
        if (m0.pseudo) {
            actions.add(new MboxRewriter.Pseudo(index.uidValidity(), lastUid));
        } else {
            IndexRecord r0 = index.records().values().stream()
                    .filter(r -> MboxSpan.parse(r.location()).from() == m0.from).findFirst().orElse(null);
            if (r0 == null) return;
            actions.add(new MboxRewriter.Rewrite(m0, r0.uid(), r0.flags(), index.unclaimedRecent().contains(r0.uid()),
                    DovecotHeaders.base(index.uidValidity(), lastUid, keywordsForBase())));
            order.add(r0.uid());
        }
        for (int i = 1; i < all.size(); i++) {
            ScannedMessage m = all.get(i);
            actions.add(new MboxRewriter.Keep(m));
            long from = m.from;
            index.records().values().stream().filter(r -> MboxSpan.parse(r.location()).from() == from).findFirst()
                    .ifPresent(r -> order.add(r.uid()));
        }
        rewriteAndRelocate(a, 0, actions, order);
    }

    /**
     * Moves every message into a new mbox file {@code target} (RENAME INBOX): copied and fsynced first, then this
     * file is emptied; a crash between the two leaves the messages in both places, never in neither.
     */
    void moveAllTo(Path target) throws MailStorageException {
        List<Long> gone;
        index.lock().lock();
        try {
            try (MboxAccess a = MboxAccess.open(file, true, settings, confinement)) {
                sync(a, true);
                FileChannel ch = a.channel();
                try (FileChannel out = FileChannel.open(target, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                    long size = ch.size();
                    long done = 0;
                    while (done < size) done += ch.transferTo(done, size - done, out);
                    out.force(true);
                }
                ch.truncate(0);
                ch.force(true);
                gone = new ArrayList<>(index.records().keySet());
                index.expunge(gone);
                stamp = FileStamp.of(file);
                index.changed();
                index.commit();
            } catch (IOException e) {
                throw new MailStorageException("cannot move INBOX's messages to " + target + ": " + e, e);
            }
        } finally {
            index.lock().unlock();
        }
        index.feed().publish(MailboxChange.Kind.EXPUNGED, UidSet.of(gone));
    }

    // ---------------------------------------------------------------- saving

    /** Saves messages under consecutive new UIDs in one locked append, durable before it returns. */
    List<AppendResult> append(List<StagedMessage> staged, List<AppendRequest> requests) throws MailStorageException {
        List<Long> uids = new ArrayList<>();
        index.lock().lock();
        try {
            if (retired) throw new MailboxNotFoundException(name);
            try (MboxAccess a = MboxAccess.open(file, true, settings, confinement)) {
                sync(a, true);
                FileChannel ch = a.channel();
                long oldSize;
                try {
                    oldSize = ch.size();
                } catch (IOException e) {
                    throw new MailStorageException("cannot save to " + file + ": " + e, e);
                }
                long pos = oldSize;
                boolean empty = oldSize == 0;
                try {
                    if (oldSize > 0 && readByte(ch, oldSize - 1) != '\n') pos = put(ch, pos, new byte[] {'\n'});
                    long start = pos;
                    for (int i = 0; i < staged.size(); i++) {
                        long uid = uidNext + i;
                        StagedMessage m = staged.get(i);
                        AppendRequest req = requests.get(i);
                        String base = empty && i == 0
                                ? DovecotHeaders.base(index.uidValidity(), uidNext + staged.size() - 1, keywordsWith(requests))
                                : null;
                        Instant date = req.internalDate().orElseGet(Instant::now);
                        FromLine from = new FromLine(FromLine.senderFrom(m.returnPath()), Instant.ofEpochSecond(date.getEpochSecond()));
                        // the body is stored exactly as given (APPEND promises the same bytes back), a missing last
                        // LF included; Content-Length makes the separator that follows unambiguous
                        String block = DovecotHeaders.block(base, uid, req.flags(), true, m.bodyLength());
                        pos = put(ch, pos, from.toBytes());
                        pos = put(ch, pos, m.visibleHeader());
                        pos = put(ch, pos, (block + "\n").getBytes(StandardCharsets.ISO_8859_1));
                        pos = m.writeBody(ch, pos);
                        pos = put(ch, pos, new byte[] {'\n'});
                    }
                    ch.force(true);
                    long last = uidNext + staged.size() - 1;
                    if (!empty) updateLastUid(a, last);
                    List<ScannedMessage> added = new MboxScanner(ch, ch.size()).scan(start);
                    if (added.size() != staged.size()) throw new IOException("saved messages did not read back from " + file);
                    for (int i = 0; i < added.size(); i++) {
                        ScannedMessage s = added.get(i);
                        long uid = uidNext + i;
                        Flags flags = requests.get(i).flags();
                        baseKeywords.addAll(flags.keywords());
                        index.add(new IndexRecord(uid, Long.toString(uid), s.span().location(), flags, s.fromLine.date(),
                                s.servedSize, s.virtualSize, index.nextModSeq(), s.headerMd5), true);
                        uids.add(uid);
                    }
                    uidNext = last + 1;
                    stamp = FileStamp.of(file);
                    index.changed();
                    index.commit();
                } catch (IOException e) {
                    try {
                        ch.truncate(oldSize); // a failed save leaves the mbox as it was
                        ch.force(true);
                    } catch (IOException ignored) {
                        // the next scan finds the partial message's end and keeps what is readable
                    }
                    stamp = null;
                    throw new MailStorageException("cannot save to " + file + ": " + e, e);
                }
            }
        } finally {
            index.lock().unlock();
            for (StagedMessage m : staged) m.close();
        }
        index.feed().publish(MailboxChange.Kind.APPENDED, UidSet.of(uids));
        List<AppendResult> out = new ArrayList<>();
        for (long uid : uids) out.add(new AppendResult(index.uidValidity(), uid));
        return out;
    }

    private Set<String> keywordsWith(List<AppendRequest> requests) {
        Set<String> all = keywordsForBase();
        for (AppendRequest r : requests) all.addAll(r.flags().keywords());
        return all;
    }

    private static long put(FileChannel ch, long pos, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) pos += ch.write(b, pos);
        return pos;
    }

    StagedMessage stage(InputStream in) throws MailStorageException {
        try {
            Files.createDirectories(tempDir);
            return StagedMessage.read(in, tempDir);
        } catch (IOException e) {
            throw new MailStorageException("cannot read the message: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writes through the views

    @Override
    public void recentClaimed(Collection<Long> uids) {
        // Status "O" is written with the next rewrite of these messages, as Dovecot's lazy writes do
    }

    @Override
    public FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException {
        List<MessageRecord> changed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        index.lock().lock();
        try {
            if (retired) throw new MailboxNotFoundException(name);
            try (MboxAccess a = MboxAccess.open(file, true, settings, confinement)) {
                sync(a, true);
                Map<Long, Flags> want = new HashMap<>();
                for (long[] range : uids.ranges()) {
                    for (IndexRecord r : index.records().subMap(range[0], true, range[1], true).values()) {
                        if (unchangedSince >= 0 && r.modSeq() > unchangedSince) {
                            skipped.add(r.uid());
                            continue;
                        }
                        Flags f = newFlags.apply(r.flags());
                        if (!f.equals(r.flags())) want.put(r.uid(), f);
                    }
                }
                if (!want.isEmpty()) {
                    if (!rewriteInPlace(a, want)) rewriteTail(a, want, Set.of());
                    for (Map.Entry<Long, Flags> e : want.entrySet()) {
                        IndexRecord r = index.get(e.getKey());
                        baseKeywords.addAll(e.getValue().keywords());
                        index.setFlags(r, e.getValue());
                        changed.add(r.toMessageRecord());
                    }
                    index.changed();
                    index.commit();
                }
            } catch (MailStorageException e) {
                throw e;
            } catch (IOException e) {
                stamp = null;
                throw new MailStorageException("cannot write flags to " + file + ": " + e, e);
            }
        } finally {
            index.lock().unlock();
        }
        index.feed().publish(MailboxChange.Kind.FLAGS, UidSet.of(changed.stream().map(MessageRecord::uid).toList()));
        return new FlagWrite(changed, skipped);
    }

    @Override
    public UidSet expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException {
        List<Long> removed = new ArrayList<>();
        index.lock().lock();
        try {
            if (retired) throw new MailboxNotFoundException(name);
            try (MboxAccess a = MboxAccess.open(file, true, settings, confinement)) {
                sync(a, true);
                for (long[] range : uids.ranges()) {
                    for (IndexRecord r : index.records().subMap(range[0], true, range[1], true).values()) {
                        if (onlyDeleted && !r.flags().contains(SystemFlag.DELETED)) continue;
                        removed.add(r.uid());
                    }
                }
                if (!removed.isEmpty()) {
                    rewriteTail(a, Map.of(), Set.copyOf(removed));
                    index.expunge(removed);
                    forgetPop3Uidls(removed);
                    index.changed();
                    index.commit();
                }
            } catch (MailStorageException e) {
                throw e;
            } catch (IOException e) {
                stamp = null;
                throw new MailStorageException("cannot expunge in " + file + ": " + e, e);
            }
        } finally {
            index.lock().unlock();
        }
        UidSet done = UidSet.of(removed);
        index.feed().publish(MailboxChange.Kind.EXPUNGED, done);
        return done;
    }

    /**
     * Rewrites the file from the first message that changes: new flags for {@code flags}' messages, none of
     * {@code drop}'s. The index's locations are current (the caller synced under the same locks).
     */
    private void rewriteTail(MboxAccess a, Map<Long, Flags> flags, Set<Long> drop) throws IOException {
        FileChannel ch = a.channel();
        long size = ch.size();
        List<IndexRecord> inFile = new ArrayList<>(index.records().values());
        inFile.sort((x, y) -> Long.compare(MboxSpan.parse(x.location()).from(), MboxSpan.parse(y.location()).from()));
        int first = -1;
        for (int i = 0; i < inFile.size(); i++) {
            long uid = inFile.get(i).uid();
            if (flags.containsKey(uid) || drop.contains(uid)) {
                first = i;
                break;
            }
        }
        if (first < 0) return;
        boolean pseudoFirst = !inFile.isEmpty() && MboxSpan.parse(inFile.get(0).location()).from() > 0;
        boolean carriesBase = first == 0 && !pseudoFirst;
        List<MboxRewriter.Action> actions = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        boolean anyKeptBefore = first > 0;
        long keptAfter = inFile.subList(first, inFile.size()).stream().filter(r -> !drop.contains(r.uid())).count();
        if (carriesBase && keptAfter == 0 && !anyKeptBefore) {
            actions.add(new MboxRewriter.Pseudo(index.uidValidity(), uidNext - 1));
        }
        for (int i = first; i < inFile.size(); i++) {
            IndexRecord r = inFile.get(i);
            ScannedMessage m = rebuild(r, i + 1 < inFile.size() ? MboxSpan.parse(inFile.get(i + 1).location()).from() : size);
            if (drop.contains(r.uid())) {
                actions.add(new MboxRewriter.Drop(m));
                continue;
            }
            Flags f = flags.getOrDefault(r.uid(), r.flags());
            boolean needsBase = carriesBase && kept.isEmpty();
            if (flags.containsKey(r.uid()) || needsBase) {
                String base = needsBase ? DovecotHeaders.base(index.uidValidity(), uidNext - 1, keywordsWithAll(flags)) : null;
                actions.add(new MboxRewriter.Rewrite(m, r.uid(), f, index.unclaimedRecent().contains(r.uid()), base));
            } else {
                actions.add(new MboxRewriter.Keep(m));
            }
            kept.add(r.uid());
        }
        long offset = MboxSpan.parse(inFile.get(first).location()).from();
        rewriteAndRelocate(a, offset, actions, kept);
    }

    /**
     * Writes new flags into each message's own hidden block, in place and at the same length (the X-Keywords
     * padding absorbs the difference), as Dovecot does: no other byte of the file moves. False (nothing written)
     * when any message lacks such a block or its flags do not fit; the caller then rewrites the tail.
     */
    private boolean rewriteInPlace(MboxAccess a, Map<Long, Flags> flags) throws IOException {
        FileChannel ch = a.channel();
        long size = ch.size();
        Map<Long, byte[]> writes = new java.util.TreeMap<>();
        for (Map.Entry<Long, Flags> e : flags.entrySet()) {
            IndexRecord r = index.get(e.getKey());
            MboxSpan span = MboxSpan.parse(r.location());
            if (span.from() == span.header() || span.body() > size) return false;
            ScannedMessage m = new MboxScanner(ch, span.body()).scanHeaderOnly(span.from());
            if (m == null || m.uid != r.uid() || m.blockStart < 0 || m.pseudo || m.contentLength < 0 || m.body != span.body()) {
                return false;
            }
            // the first message's X-IMAPbase is in its block: written again with the mailbox's current values
            String base = m.base == null ? null : DovecotHeaders.base(index.uidValidity(), uidNext - 1, keywordsWithAll(flags));
            Optional<String> block = DovecotHeaders.blockOfLength(base, r.uid(), e.getValue(), index.unclaimedRecent().contains(r.uid()),
                    m.contentLength, (int) (m.blockEnd - m.blockStart), m.blockCrLf);
            if (block.isEmpty()) return false;
            writes.put(m.blockStart, block.get().getBytes(StandardCharsets.ISO_8859_1));
        }
        for (Map.Entry<Long, byte[]> w : writes.entrySet()) put(ch, w.getKey(), w.getValue());
        ch.force(true);
        stamp = FileStamp.of(file);
        return true;
    }

    private Set<String> keywordsWithAll(Map<Long, Flags> flags) {
        Set<String> all = keywordsForBase();
        for (Flags f : flags.values()) all.addAll(f.keywords());
        return all;
    }

    /** A message's parts from its index location; {@code next} is where the following message starts. */
    private static ScannedMessage rebuild(IndexRecord r, long next) {
        MboxSpan s = MboxSpan.parse(r.location());
        ScannedMessage m = new ScannedMessage();
        m.from = s.from();
        m.header = s.header();
        m.body = s.body();
        m.end = s.end();
        m.next = next;
        m.fromLine = s.from() < s.header() ? new FromLine("", r.internalDate()) : null;
        return m;
    }

    @Override
    public CopyResult copy(SelectedMailbox source, UidSet uids, Mailbox target) throws MailStorageException {
        List<Long> sources = new ArrayList<>();
        List<Long> to = new ArrayList<>();
        long validity = target.status().uidValidity();
        for (long uid : uids.stream().toArray()) {
            if (source.seq(uid) == 0) continue;
            MessageRecord rec = source.record(source.seq(uid));
            InputStream in;
            try {
                in = source.openPhysical(uid);
            } catch (org.loftmail.core.storage.MessageExpungedException e) {
                continue; // expunged meanwhile: COPYUID leaves it out
            }
            try (in) {
                AppendResult r = target.append(in, new AppendRequest(Optional.of(rec.internalDate()), rec.flags()));
                validity = r.uidValidity();
                sources.add(uid);
                to.add(r.uid());
            } catch (IOException e) {
                throw new MailStorageException("cannot copy message " + uid + ": " + e.getMessage(), e);
            }
        }
        return new CopyResult(validity, sources, to);
    }

    // ---------------------------------------------------------------- reading

    /** Messages up to this size are copied into memory for a reader; larger ones into a temporary file. */
    static final long IN_MEMORY = 8 << 20;

    @Override
    public InputStream open(String location) throws IOException {
        MboxSpan s = MboxSpan.parse(location);
        if (s.end() - s.header() <= IN_MEMORY) return new ByteArrayInputStream(bytes(location));
        Path tmp = spill(location);
        return new java.io.FilterInputStream(Files.newInputStream(tmp)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    private byte[] bytes(String location) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyOut(location, out);
        return out.toByteArray();
    }

    /** A large message copied into a temporary file in the index directory (deleted by the caller). */
    private Path spill(String location) throws IOException {
        Files.createDirectories(tempDir);
        Path tmp = Files.createTempFile(tempDir, "loft-mbox-read", ".tmp");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            copyOut(location, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /**
     * Writes the message as a client sees it (hidden headers left out) to {@code out}, under the read locks: a
     * rewrite by anyone moves messages, so nothing is read from the file after the locks are gone.
     * {@link NoSuchFileException} when the message is no longer where the index said (the caller refreshes). A
     * "header" larger than {@link StagedMessage#MAX_HEADER} (no empty line in a huge message) is passed on as it
     * is rather than held in memory to be filtered.
     */
    private void copyOut(String location, java.io.OutputStream out) throws IOException {
        index.lock().lock();
        try {
            if (stamp == null || !FileStamp.of(file).sameAs(stamp)) {
                refresh();
                if (index.records().values().stream().noneMatch(r -> r.location().equals(location))) {
                    throw new NoSuchFileException(location);
                }
            }
            MboxSpan s = MboxSpan.parse(location);
            try (MboxAccess a = MboxAccess.open(file, false, settings, confinement)) {
                FileChannel ch = a.channel();
                if (ch.size() < s.end()) throw new NoSuchFileException(location);
                long headerLen = s.body() - s.header();
                long from = s.body();
                if (headerLen <= StagedMessage.MAX_HEADER) {
                    ByteBuffer h = ByteBuffer.allocate((int) headerLen);
                    while (h.hasRemaining() && ch.read(h, s.header() + h.position()) > 0) {
                        // fill
                    }
                    out.write(HeaderFilter.visible(h.array(), h.position(), true));
                } else {
                    from = s.header();
                }
                ByteBuffer b = ByteBuffer.allocate((int) Math.min(Math.max(s.end() - from, 1), 1 << 20));
                long done = 0;
                long len = s.end() - from;
                while (done < len) {
                    b.clear();
                    if (len - done < b.capacity()) b.limit((int) (len - done));
                    int n = ch.read(b, from + done);
                    if (n <= 0) throw new NoSuchFileException(location);
                    out.write(b.array(), 0, n);
                    done += n;
                }
            }
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public boolean contentMatches(String location, SearchKey key) throws IOException {
        MboxSpan s = MboxSpan.parse(location);
        if (s.end() - s.header() > IN_MEMORY) {
            Path tmp = spill(location);
            try {
                return MimeContentMatcher.matches(key, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] b = bytes(location);
        return MimeContentMatcher.matches(key, MimeParser.parse(new ByteArrayInputStream(b)),
                span -> new ByteArrayInputStream(b, (int) span.offset(), (int) span.rawSize()));
    }

    /** The GUID of an mbox message is Dovecot's header MD5 ({@link HeaderMd5}). */
    @Override
    public Optional<String> headerMd5(IndexRecord record) {
        return Optional.of(record.guid());
    }

    @Override
    public Set<String> keywords() {
        return keywordsForBase();
    }

    @Override
    public boolean canCreateKeywords() {
        return true;
    }

    // ---------------------------------------------------------------- POP3 UIDLs

    @Override
    public Map<Long, String> savedPop3Uidls(UidSet uids) throws MailStorageException {
        Map<Long, String> out = new HashMap<>();
        readPop3Uidls().forEach((uid, uidl) -> {
            if (uids.contains(uid) && index.contains(uid)) out.put(uid, uidl);
        });
        return out;
    }

    @Override
    public void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException {
        refresh();
        Map<Long, String> all = readPop3Uidls();
        uidls.forEach((uid, uidl) -> {
            if (index.contains(uid) && validUidl(uidl)) all.put(uid, uidl);
        });
        writePop3Uidls(all);
    }

    private void forgetPop3Uidls(List<Long> uids) throws MailStorageException {
        if (!Files.exists(pop3UidlFile)) return;
        Map<Long, String> all = readPop3Uidls();
        if (all.keySet().removeAll(uids)) writePop3Uidls(all);
    }

    private Map<Long, String> readPop3Uidls() throws MailStorageException {
        Map<Long, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(pop3UidlFile, StandardCharsets.ISO_8859_1)) {
                int sp = line.indexOf(' ');
                if (sp <= 0) continue;
                try {
                    out.put(Long.parseLong(line.substring(0, sp)), line.substring(sp + 1));
                } catch (NumberFormatException e) {
                    // a damaged line is skipped
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new MailStorageException("cannot read " + pop3UidlFile + ": " + e, e);
        }
        return out;
    }

    /** Replaced atomically and fsynced: saved UIDLs are what POP3 clients remember, not a cache. */
    private void writePop3Uidls(Map<Long, String> all) throws MailStorageException {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(all).forEach((uid, uidl) -> b.append(uid).append(' ').append(uidl).append('\n'));
        Path tmp = pop3UidlFile.resolveSibling(pop3UidlFile.getFileName() + ".tmp");
        try {
            Files.createDirectories(indexDir);
            try (FileChannel c = FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.ISO_8859_1)));
                c.force(true);
            }
            Files.move(tmp, pop3UidlFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MailStorageException("cannot write " + pop3UidlFile + ": " + e, e);
        }
    }

    private static boolean validUidl(String uidl) {
        return !uidl.isEmpty() && uidl.length() <= 70 && uidl.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
