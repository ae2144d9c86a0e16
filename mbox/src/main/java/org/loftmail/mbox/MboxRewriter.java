package org.loftmail.mbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import org.loftmail.core.mail.Flags;

/**
 * Rewrites the tail of an mbox (from the first changed message to the end) so that a crash at any instant loses
 * and duplicates nothing: the new tail is first written whole to a journal ({@code loft.mbox-rewrite} in the
 * mailbox's index directory) and fsynced, and only then copied over the mbox in place (the file keeps its inode,
 * so Postfix local(8), procmail and mutt, which may hold it open, keep writing to the right file), which is then
 * truncated and fsynced, and the journal removed. A journal found later is replayed before the mailbox is used
 * ({@link #recover}); a journal torn by a crash (bad CRC) means the mbox was never touched and is dropped. When the
 * tail grows, the part past the old end is written first: a full disk then fails before any old byte changed.
 */
final class MboxRewriter {

    private static final byte[] MAGIC = "LOFTMRW1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD = 8 + 8 + 8 + 8;

    /** What happens to one message of the tail. */
    sealed interface Action permits Keep, Rewrite, Drop, Pseudo {}

    /** Copied byte for byte: {@code [from, next)}. */
    record Keep(ScannedMessage m) implements Action {}

    /** Written with new hidden headers ({@code base}: the X-IMAPbase value when this message carries it). */
    record Rewrite(ScannedMessage m, long uid, Flags flags, boolean recent, String base) implements Action {}

    record Drop(ScannedMessage m) implements Action {}

    /** Dovecot's placeholder message that keeps UIDVALIDITY and the last UID of an emptied mailbox. */
    record Pseudo(long uidValidity, long lastUid) implements Action {}

    private final Path journal;

    MboxRewriter(Path journal) {
        this.journal = journal;
    }

    /** Replaces the mbox from {@code offset} on with what the actions produce; returns the new end of the tail. */
    long rewrite(MboxAccess access, long offset, List<Action> actions) throws IOException {
        long length = journal(access, offset, actions);
        apply(access.channel(), offset, length);
        return offset + length;
    }

    /** Writes and fsyncs the journal of a rewrite (the first half of {@link #rewrite}); returns the tail's length. */
    long journal(MboxAccess access, long offset, List<Action> actions) throws IOException {
        FileChannel mbox = access.channel();
        Files.createDirectories(journal.getParent());
        Files.deleteIfExists(journal);
        try (FileChannel j = FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            j.write(ByteBuffer.allocate(HEAD), 0);
            long pos = HEAD;
            for (Action a : actions) {
                pos = write(a, mbox, j, pos);
                access.touch();
            }
            long length = pos - HEAD;
            ByteBuffer head = ByteBuffer.allocate(HEAD);
            head.put(MAGIC).putLong(offset).putLong(length).putLong(crc(j, length));
            head.flip();
            j.write(head, 0);
            j.force(true);
            return length;
        } catch (IOException e) {
            Files.deleteIfExists(journal); // the mbox was not touched
            throw e;
        }
    }

    /** Replays a journal left by a crash, or drops a torn one. True when the mbox was changed. */
    boolean recover(MboxAccess access) throws IOException {
        if (!Files.exists(journal)) return false;
        long offset;
        long length;
        try (FileChannel j = FileChannel.open(journal, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(HEAD);
            while (head.hasRemaining() && j.read(head, head.position()) > 0) {
                // fill
            }
            head.flip();
            byte[] magic = new byte[8];
            if (head.remaining() < HEAD) {
                Files.deleteIfExists(journal);
                return false;
            }
            head.get(magic);
            offset = head.getLong();
            length = head.getLong();
            long crc = head.getLong();
            if (!java.util.Arrays.equals(magic, MAGIC) || j.size() != HEAD + length || crc(j, length) != crc) {
                Files.deleteIfExists(journal); // torn before it was complete: the mbox was never touched
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        apply(access.channel(), offset, length);
        return true;
    }

    private void apply(FileChannel mbox, long offset, long length) throws IOException {
        long oldSize = mbox.size();
        try (FileChannel j = FileChannel.open(journal, StandardOpenOption.READ)) {
            long inPlace = Math.max(0, Math.min(length, oldSize - offset));
            if (length > inPlace) {
                try {
                    copy(j, HEAD + inPlace, mbox, offset + inPlace, length - inPlace);
                    mbox.force(false);
                } catch (IOException e) {
                    mbox.truncate(Math.max(oldSize, offset)); // nothing old was touched: leave the mbox as it was
                    throw e;
                }
            }
            copy(j, HEAD, mbox, offset, inPlace);
            mbox.truncate(offset + length);
            mbox.force(true);
        }
        Files.deleteIfExists(journal);
    }

    private static void copy(FileChannel from, long fromPos, FileChannel to, long toPos, long count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        long done = 0;
        while (done < count) {
            b.clear();
            if (count - done < b.capacity()) b.limit((int) (count - done));
            int n = from.read(b, fromPos + done);
            if (n <= 0) throw new IOException("mbox rewrite journal ended early");
            b.flip();
            while (b.hasRemaining()) to.write(b, toPos + done + b.position());
            done += n;
        }
    }

    private static long crc(FileChannel j, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        long done = 0;
        while (done < length) {
            b.clear();
            if (length - done < b.capacity()) b.limit((int) (length - done));
            int n = j.read(b, HEAD + done);
            if (n <= 0) break;
            b.flip();
            crc.update(b);
            done += n;
        }
        return crc.getValue();
    }

    private long write(Action a, FileChannel mbox, FileChannel j, long pos) throws IOException {
        return switch (a) {
            case Drop d -> pos;
            case Keep k -> {
                copy(mbox, k.m().from, j, pos, k.m().next - k.m().from);
                long n = pos + k.m().next - k.m().from;
                // the last message of the old file may lack its separator; every kept message gets one
                if (k.m().end == k.m().next) {
                    n = put(j, n, "\n".getBytes(StandardCharsets.US_ASCII));
                }
                yield n;
            }
            case Rewrite r -> {
                ScannedMessage m = r.m();
                long p = pos;
                if (m.fromLine != null) {
                    copy(mbox, m.from, j, p, m.header - m.from);
                    p += m.header - m.from;
                } else {
                    p = put(j, p, new FromLine("MAILER-DAEMON", Instant.now()).toBytes());
                }
                p = put(j, p, visibleHeader(mbox, m));
                long bodyLength = m.end - m.body;
                // the body is kept exactly (a body cut off without its last LF stays so: what clients saw does not
                // change); Content-Length makes the separator after it unambiguous
                String block = DovecotHeaders.block(r.base(), r.uid(), r.flags(), r.recent(), bodyLength) + "\n";
                // a header that ended with CR LF keeps CR LF line ends, so what a client sees does not change
                if (endsWithCrLf(mbox, m)) block = block.replace("\n", "\r\n");
                p = put(j, p, block.getBytes(StandardCharsets.ISO_8859_1));
                copy(mbox, m.body, j, p, bodyLength);
                p += bodyLength;
                yield put(j, p, new byte[] {'\n'});
            }
            case Pseudo ps -> put(j, pos, pseudo(ps.uidValidity(), ps.lastUid()));
        };
    }

    private static boolean endsWithCrLf(FileChannel mbox, ScannedMessage m) throws IOException {
        if (m.body - m.header < 2) return false;
        ByteBuffer b = ByteBuffer.allocate(2);
        mbox.read(b, m.body - 2);
        return b.get(0) == '\r' && b.get(1) == '\n';
    }

    /** The header without Dovecot's hidden fields and without the empty line that ends it. */
    static byte[] visibleHeader(FileChannel mbox, ScannedMessage m) throws IOException {
        long len = m.body - m.header;
        if (len > Integer.MAX_VALUE - 16) throw new IOException("message header too large to rewrite");
        ByteBuffer b = ByteBuffer.allocate((int) len);
        while (b.hasRemaining() && mbox.read(b, m.header + b.position()) > 0) {
            // fill
        }
        return HeaderFilter.visible(b.array(), b.position(), false);
    }

    private static long put(FileChannel j, long pos, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) j.write(b, pos + b.position());
        return pos + bytes.length;
    }

    /** Dovecot's placeholder message, as Dovecot writes it. */
    static byte[] pseudo(long uidValidity, long lastUid) {
        Instant now = Instant.now();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(java.time.ZoneOffset.UTC));
        String s = new String(new FromLine("MAILER_DAEMON", now).toBytes(), StandardCharsets.ISO_8859_1)
                + "Date: " + date + "\n"
                + "From: Mail System Internal Data <MAILER-DAEMON@" + Dotlock.HOST + ">\n"
                + "Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA\n"
                + "Message-ID: <" + now.getEpochSecond() + "@" + Dotlock.HOST + ">\n"
                + "X-IMAP: " + uidValidity + " " + String.format(java.util.Locale.ROOT, "%010d", lastUid) + "\n"
                + "Status: RO\n\n"
                + "This text is part of the internal format of your mail folder, and is not\n"
                + "a real message.  It is created automatically by the mail system software.\n"
                + "If deleted, important folder data will be lost, and it will be re-created\n"
                + "with the data reset to initial values.\n\n";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
