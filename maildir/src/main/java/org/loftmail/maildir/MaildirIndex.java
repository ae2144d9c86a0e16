package org.loftmail.maildir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;

/**
 * Loft's own per-mailbox index {@code loft.index} (see docs/adr/0300-maildir-index.md): a snapshot of every
 * message's UID, file, flags, INTERNALDATE, sizes, MODSEQ and GUID, plus the expunged-UID history, with the
 * stamps (inode, size, mtime) of dovecot-uidlist, cur/ and new/ it was taken at. It is trusted only when those
 * stamps still match and were not "recent" (within 2 s of the snapshot, where a same-tick change could hide);
 * otherwise it seeds a rescan that keeps MODSEQs of unchanged messages. A bad magic, version or CRC means it
 * is ignored and rebuilt: it is a cache, never the only copy of anything.
 */
final class MaildirIndex {

    private static final long MAGIC = 0x4c4f4654494458_31L; // "LOFTIDX1"
    private static final int VERSION = 4;
    private static final int MAX_EXPUNGE_HISTORY = 100_000;

    private final Path file;
    private final FileCreator creator;
    private FileStamp uidlistStamp;
    private FileStamp curStamp;
    private FileStamp newStamp;
    private long savedAtNanos;

    MaildirIndex(Path file, FileCreator creator) {
        this.file = file;
        this.creator = creator;
    }

    private long uidNext;

    FileStamp uidlistStamp() {
        return uidlistStamp;
    }

    long uidNext() {
        return uidNext;
    }

    FileStamp curStamp() {
        return curStamp;
    }

    FileStamp newStamp() {
        return newStamp;
    }

    boolean matches(FileStamp uidlist, FileStamp cur, FileStamp nw) {
        return uidlist.equals(uidlistStamp) && cur.equals(curStamp) && nw.equals(newStamp)
                && settled(cur) && settled(nw) && settled(uidlist);
    }

    private boolean settled(FileStamp s) {
        return s.mtimeNanos() < savedAtNanos - MaildirSync.window(s);
    }

    /** When the loaded or last written snapshot was taken (ns since the epoch). */
    long savedAtNanos() {
        return savedAtNanos;
    }

    /** True when the last snapshot could not be trusted later because a directory was still changing then. */
    boolean savedUnsettled() {
        return uidlistStamp == null || !(settled(curStamp) && settled(newStamp) && settled(uidlistStamp));
    }

    /** Loads into the state; false (state untouched) when missing or unreadable. */
    boolean load(MailboxState state) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readLong() != MAGIC || in.readInt() != VERSION) return false;
            savedAtNanos = in.readLong();
            FileStamp u = FileStamp.decode(in.readUTF());
            FileStamp c = FileStamp.decode(in.readUTF());
            FileStamp n = FileStamp.decode(in.readUTF());
            long uidValidity = in.readLong();
            long snapshotHighest = in.readLong();
            long ceiling = loadModSeq();
            long highest = Math.max(snapshotHighest, ceiling);
            long next = in.readLong();
            long floor = in.readLong();
            if (ceiling > snapshotHighest) {
                // a process changed the mailbox after this snapshot and did not write another (it died): expunges
                // it made are not in the history, so clients past this snapshot get every missing UID instead
                floor = Math.max(floor, snapshotHighest + 1);
            }
            int count = in.readInt();
            if (count < 0) return false;
            List<MaildirMessage> list = new ArrayList<>(Math.min(count, 1 << 20));
            for (int i = 0; i < count; i++) {
                long uid = in.readLong();
                String base = in.readUTF();
                String fileName = base + in.readUTF();
                boolean inNew = in.readBoolean();
                int sys = in.readUnsignedByte();
                int kwCount = in.readUnsignedShort();
                Set<String> kws = new TreeSet<>();
                for (int k = 0; k < kwCount; k++) kws.add(in.readUTF());
                String other = in.readUTF();
                Instant date = Instant.ofEpochSecond(in.readLong(), in.readInt());
                long size = in.readLong();
                long vsize = in.readLong();
                long modSeq = in.readLong();
                String guid = in.readUTF();
                if (guid.isEmpty()) guid = base;
                list.add(new MaildirMessage(uid, base, fileName, inNew, new Flags(systemFlags(sys), kws), other, date, size, vsize, modSeq, guid));
            }
            int exp = in.readInt();
            Map<Long, Long> expunged = new TreeMap<>();
            for (int i = 0; i < exp; i++) expunged.put(in.readLong(), in.readLong());
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) return false;
            uidlistStamp = u;
            curStamp = c;
            newStamp = n;
            uidNext = next;
            state.restore(uidValidity, highest, floor, list, expunged);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // corrupt: rebuilt from the Maildir
        }
    }

    /** Writes a new snapshot (write-new-then-rename; no fsync: losing it costs a rescan, nothing else). */
    void save(MailboxState state, FileStamp uidlist, FileStamp cur, FileStamp nw) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        try {
            creator.directories(file.getParent());
            Files.deleteIfExists(tmp);
            try (OutputStream raw = new BufferedOutputStream(creator.newFile(tmp, false), 1 << 16)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                long now = System.currentTimeMillis() * 1_000_000L;
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(now);
                out.writeUTF(uidlist.encode());
                out.writeUTF(cur.encode());
                out.writeUTF(nw.encode());
                out.writeLong(state.uidValidity);
                out.writeLong(state.highestModSeq);
                out.writeLong(state.uidNext());
                out.writeLong(state.historyFloor);
                out.writeInt(state.messages.size());
                for (MaildirMessage m : state.messages.values()) {
                    out.writeLong(m.uid);
                    out.writeUTF(m.base);
                    out.writeUTF(m.fileName.substring(m.base.length()));
                    out.writeBoolean(m.inNew);
                    out.writeByte(systemBits(m.flags.system()));
                    out.writeShort(m.flags.keywords().size());
                    for (String k : m.flags.keywords()) out.writeUTF(k);
                    out.writeUTF(m.otherLetters);
                    out.writeLong(m.internalDate.getEpochSecond());
                    out.writeInt(m.internalDate.getNano());
                    out.writeLong(m.physicalSize);
                    out.writeLong(m.virtualSize);
                    out.writeLong(m.modSeq);
                    out.writeUTF(m.guid.equals(m.base) ? "" : m.guid);
                }
                int skip = Math.max(0, state.expunged.size() - MAX_EXPUNGE_HISTORY);
                out.writeInt(state.expunged.size() - skip);
                for (Map.Entry<Long, Long> e : state.expunged.entrySet()) {
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    out.writeLong(e.getKey());
                    out.writeLong(e.getValue());
                }
                out.flush();
                new DataOutputStream(raw).writeLong(crc.getValue());
                savedAtNanos = now;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            uidlistStamp = uidlist;
            curStamp = cur;
            newStamp = nw;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the index is only a cache
            }
        }
    }

    private Path modSeqFile() {
        return file.resolveSibling("loft.modseq");
    }

    /** HIGHESTMODSEQ written on every change while the snapshot is deferred (8 bytes, write-then-rename). */
    void saveModSeq(long highest) {
        Path tmp = file.resolveSibling("loft.modseq.tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = creator.newFile(tmp, false)) {
                out.write(java.nio.ByteBuffer.allocate(8).putLong(highest).array());
            }
            Files.move(tmp, modSeqFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only a cache: a later snapshot carries the value too
        }
    }

    long loadModSeq() {
        try {
            byte[] b = Files.readAllBytes(modSeqFile());
            return b.length == 8 ? java.nio.ByteBuffer.wrap(b).getLong() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int systemBits(Set<SystemFlag> flags) {
        int bits = 0;
        for (SystemFlag f : flags) bits |= 1 << f.ordinal();
        return bits;
    }

    private static Set<SystemFlag> systemFlags(int bits) {
        Set<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag f : SystemFlag.values()) if ((bits & (1 << f.ordinal())) != 0) s.add(f);
        return s;
    }

}
