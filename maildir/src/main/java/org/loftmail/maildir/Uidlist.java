package org.loftmail.maildir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.loftmail.core.fs.Confinement;

/**
 * Dovecot's {@code dovecot-uidlist} (version 3): header {@code 3 V<uidvalidity> N<next uid> G<mailbox guid>},
 * then {@code <uid> [ext...] :<base name>} per message. Writers hold the dotlock, append lines for new messages
 * (so the header's N may be stale: the next UID is max(N, last UID + 1)) and replace the whole file only by
 * write-new-then-rename. Lines of files that are gone linger; callers ignore them. Version 1 files
 * ({@code 1 <uidvalidity> <next>}, {@code <uid> <name>}) are read too.
 *
 * <p>Extension fields are kept as read, including ones Loft does not use ({@code O} POP3 order, {@code W}
 * virtual size, {@code P} POP3 UIDL, and any a newer Dovecot adds, in the header too): every rewrite writes them
 * back, so a server that shares the Maildir with Loft never loses what it stored there.
 */
final class Uidlist {

    /** The extension key of a POP3 UIDL saved by pop3_save_uidl ("" means: the base file name). */
    static final char POP3_UIDL = 'P';

    /** One message line; {@code ext} is keyed by the field letter, in the order read. */
    record Line(long uid, String base, Map<Character, String> ext) {
        /** This line with one extension field set (added at the end, or replaced in place). */
        Line withExt(char key, String value) {
            if (!validExtValue(value)) throw new IllegalArgumentException("not storable in dovecot-uidlist: " + value);
            Map<Character, String> m = new LinkedHashMap<>(ext);
            m.put(key, value);
            return new Line(uid, base, m);
        }
    }

    /** Values are written between spaces on one line: no spaces, controls or line ends. */
    static boolean validExtValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) return false;
        }
        return true;
    }

    /** The file is there and readable but is not a dovecot-uidlist: it can be rebuilt, unlike a failed read. */
    static final class CorruptException extends IOException {
        CorruptException(String message) {
            super(message);
        }

        CorruptException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How the file is opened for reading and appending: never through a link out of the mail root. */
    private final Confinement confinement;
    private long uidValidity;
    private long headerNext;
    /**
     * The highest UID this process has seen in use, per UIDVALIDITY. An older copy of the file (restored from a
     * backup, or a transient read of a stale version) may claim a lower next UID; UIDs are never handed out twice.
     */
    private final Map<Long, Long> highestSeen = new HashMap<>();
    private String mailboxGuid = "";
    /** Header fields other than V, N and G, written back as read. */
    private final Map<Character, String> otherHeader = new LinkedHashMap<>();
    private final TreeMap<Long, Line> byUid = new TreeMap<>();
    private final Map<String, Line> byBase = new HashMap<>();
    private FileStamp stamp = FileStamp.MISSING;
    private long readOffset;

    Uidlist(Confinement confinement) {
        this.confinement = confinement;
    }

    /** A copy that is only written (a new or rebuilt file) or parsed from bytes already read. */
    private Uidlist() {
        this(Confinement.NONE);
    }

    long uidValidity() {
        return uidValidity;
    }

    String mailboxGuid() {
        return mailboxGuid;
    }

    /** The UID the next new message gets. */
    long nextUid() {
        long last = byUid.isEmpty() ? 0 : byUid.lastKey();
        long seen = highestSeen.getOrDefault(uidValidity, 0L);
        return Math.max(Math.max(headerNext, 1), Math.max(last, seen) + 1);
    }

    /** Records that UIDs below {@code uidNext} were handed out under {@code validity} (the index knew them). */
    void handedOut(long validity, long uidNext) {
        if (validity != 0 && uidNext > 1) highestSeen.merge(validity, uidNext - 1, Math::max);
    }

    private void remember() {
        handedOut(uidValidity, nextUid());
    }

    Line byBase(String base) {
        return byBase.get(base);
    }

    Line byUid(long uid) {
        return byUid.get(uid);
    }

    /**
     * Replaces the lines of the same UIDs in memory (extension fields changed); the caller holds the dotlock, has
     * refreshed, and calls {@link #rewrite} to store them.
     */
    void update(Collection<Line> changed) {
        for (Line l : changed) {
            Line old = byUid.get(l.uid());
            if (old == null || !old.base().equals(l.base())) throw new IllegalArgumentException("no line for UID " + l.uid());
            add(l);
        }
    }

    Collection<Line> lines() {
        return byUid.values();
    }

    FileStamp stamp() {
        return stamp;
    }

    boolean exists() {
        return stamp != FileStamp.MISSING;
    }

    /** A new uidlist for a new mailbox (not yet written). */
    static Uidlist create(long uidValidity) {
        Uidlist u = new Uidlist();
        u.uidValidity = uidValidity;
        u.headerNext = 1;
        byte[] guid = new byte[16];
        ThreadLocalRandom.current().nextBytes(guid);
        u.mailboxGuid = HexFormat.of().formatHex(guid);
        return u;
    }

    /**
     * Brings this copy up to date with the file: nothing when the stamp is unchanged, only the appended part when
     * the same file grew, else a full read. Returns true when something was read. A read that fails (EIO, a
     * corrupt file) changes nothing, not even the stamp: the last good state stays, and the file is read again
     * when it changes, including back to the very stamp of that state (restored with {@code mv}).
     */
    boolean refresh(Path file) throws IOException {
        FileStamp now = FileStamp.of(file);
        if (now.equals(stamp)) return false;
        if (now == FileStamp.MISSING) {
            remember();
            clear();
            stamp = now;
            return true;
        }
        boolean append = exists() && now.key().equals(stamp.key()) && now.size() > stamp.size() && readOffset == stamp.size();
        long from = append ? readOffset : 0;
        byte[] data;
        FileStamp after;
        try (FileChannel ch = confinement.open(file, StandardOpenOption.READ)) {
            ch.position(from);
            after = FileStamp.of(file);
            data = readAll(java.nio.channels.Channels.newInputStream(ch));
        } catch (NoSuchFileException e) {
            remember();
            clear();
            stamp = FileStamp.MISSING;
            return true;
        }
        if (append) {
            parse(data, false); // lines only: what does not parse is skipped, nothing throws
        } else {
            Uidlist read = new Uidlist();
            read.parse(data, true); // throws CorruptException before this copy changes
            remember();
            adopt(read);
        }
        readOffset = from + lastCompleteLine(data);
        stamp = new FileStamp(after.key(), readOffset, after.mtimeNanos());
        if (readOffset != after.size()) stamp = new FileStamp(after.key(), readOffset, -1);
        remember();
        return true;
    }

    /** Takes over what a full read of the file found. */
    private void adopt(Uidlist read) {
        clear();
        uidValidity = read.uidValidity;
        headerNext = read.headerNext;
        mailboxGuid = read.mailboxGuid;
        otherHeader.putAll(read.otherHeader);
        byUid.putAll(read.byUid);
        byBase.putAll(read.byBase);
    }

    /**
     * A uidlist rebuilt from what the index knows (the file was corrupt and this process never read a good copy):
     * the index's UIDVALIDITY and UIDs, so clients keep theirs.
     */
    static Uidlist rebuilt(long uidValidity, long uidNext, Collection<Line> lines) {
        Uidlist u = create(uidValidity);
        u.headerNext = Math.max(uidNext, 1);
        for (Line l : lines) u.add(l);
        return u;
    }

    /** This copy holds a good read (or a rebuild) that can be written back over a corrupt file. */
    boolean good() {
        return uidValidity > 0;
    }

    private void clear() {
        byUid.clear();
        byBase.clear();
        uidValidity = 0;
        headerNext = 0;
        mailboxGuid = "";
        otherHeader.clear();
        readOffset = 0;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static int lastCompleteLine(byte[] data) {
        for (int i = data.length - 1; i >= 0; i--) if (data[i] == '\n') return i + 1;
        return 0;
    }

    private void parse(byte[] data, boolean withHeader) throws IOException {
        int end = lastCompleteLine(data);
        String text = new String(data, 0, end, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        int version = 3;
        int i = 0;
        if (withHeader) {
            if (lines.length == 0 || lines[0].isEmpty()) throw new CorruptException("empty dovecot-uidlist");
            String[] h = lines[0].split(" ");
            version = parseHeader(h);
            i = 1;
        }
        for (; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) continue;
            Line line = version == 1 ? parseV1(l) : parseV3(l);
            if (line == null) continue;
            Line old = byUid.put(line.uid(), line);
            if (old != null) byBase.remove(old.base());
            byBase.put(line.base(), line);
        }
    }

    private int parseHeader(String[] h) throws IOException {
        try {
            if (h[0].equals("1") && h.length >= 3) {
                uidValidity = Long.parseLong(h[1]);
                headerNext = Long.parseLong(h[2]);
                return 1;
            }
            if (!h[0].equals("3")) throw new CorruptException("unsupported dovecot-uidlist version " + h[0]);
            for (int k = 1; k < h.length; k++) {
                if (h[k].isEmpty()) continue;
                String v = h[k].substring(1);
                switch (h[k].charAt(0)) {
                    case 'V' -> uidValidity = Long.parseLong(v);
                    case 'N' -> headerNext = Long.parseLong(v);
                    case 'G' -> mailboxGuid = v;
                    default -> otherHeader.put(h[k].charAt(0), v);
                }
            }
            if (uidValidity <= 0) throw new CorruptException("dovecot-uidlist has no UIDVALIDITY");
            return 3;
        } catch (NumberFormatException e) {
            throw new CorruptException("corrupt dovecot-uidlist header", e);
        }
    }

    private static Line parseV1(String l) {
        int sp = l.indexOf(' ');
        if (sp <= 0) return null;
        try {
            return new Line(Long.parseLong(l.substring(0, sp)), baseOf(l.substring(sp + 1)), Map.of());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Line parseV3(String l) {
        int colon = l.indexOf(" :");
        if (colon <= 0) return null;
        String[] parts = l.substring(0, colon).split(" ");
        try {
            long uid = Long.parseLong(parts[0]);
            if (uid <= 0 || uid > 0xFFFF_FFFFL) return null;
            Map<Character, String> ext = new LinkedHashMap<>();
            for (int k = 1; k < parts.length; k++) if (!parts[k].isEmpty()) ext.put(parts[k].charAt(0), parts[k].substring(1));
            return new Line(uid, baseOf(l.substring(colon + 2)), ext);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String baseOf(String name) {
        int c = name.indexOf(':');
        return c < 0 ? name : name.substring(0, c);
    }

    private static String format(Line line) {
        StringBuilder sb = new StringBuilder().append(line.uid());
        line.ext().forEach((k, v) -> sb.append(' ').append(k).append(v));
        return sb.append(" :").append(line.base()).append('\n').toString();
    }

    /** Appends lines for new messages (caller holds the dotlock and has refreshed), then fsyncs. */
    void append(Path file, Collection<Line> newLines, FileCreator creator) throws IOException {
        if (!exists()) {
            for (Line l : newLines) add(l);
            rewrite(file, null, creator);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Line l : newLines) sb.append(format(l));
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = confinement.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(false);
        }
        for (Line l : newLines) add(l);
        FileStamp now = FileStamp.of(file);
        readOffset = now.size();
        stamp = now;
        remember();
    }

    private void add(Line l) {
        byUid.put(l.uid(), l);
        byBase.put(l.base(), l);
    }

    /**
     * Replaces the file with the given lines kept (null: all), writing a fresh header with the true next UID.
     * Used to drop lingering lines after expunges and to create the file.
     */
    void rewrite(Path file, java.util.function.Predicate<Line> keep, FileCreator creator) throws IOException {
        long next = nextUid();
        if (keep != null) {
            byUid.values().removeIf(l -> !keep.test(l));
            byBase.values().removeIf(l -> !keep.test(l));
        }
        headerNext = next;
        StringBuilder header = new StringBuilder("3 V").append(uidValidity).append(" N").append(next).append(" G").append(mailboxGuid);
        otherHeader.forEach((k, v) -> header.append(' ').append(k).append(v));
        creator.replace(file, out -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(header.append('\n').toString());
            for (Line l : byUid.values()) w.write(format(l));
            w.flush();
        });
        FsSync.directory(file.getParent());
        FileStamp now = FileStamp.of(file);
        readOffset = now.size();
        stamp = now;
        remember();
    }
}
