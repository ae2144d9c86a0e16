package org.loftmail.sieve.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.fs.NativeFileCalls;

/**
 * The user's script files, reached only beneath the user's roots (ADR 0305): existing files and directories are
 * opened through {@link Confinement} (no link out of the root is followed, files must be the user's when Loft runs as
 * root), and new files, links, renames and removals happen by name inside a directory pinned by its descriptor, never
 * by a path a link could redirect. New files are 0600, new directories 0700, both given to the user's uid/gid.
 */
final class UserFiles {

    /** A script larger than this is not read into memory (sieve_max_script_size is far below it). */
    static final long READ_CAP = 64L * 1024 * 1024;

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Confinement confinement;
    private final List<Path> roots;
    private final OptionalInt uid;
    private final OptionalInt gid;

    UserFiles(List<Path> roots, OptionalInt uid, OptionalInt gid) {
        this.roots = List.copyOf(roots);
        this.confinement = new Confinement(roots, uid);
        this.uid = uid;
        this.gid = gid;
    }

    /** What to do inside a directory, given the pinned path of it. */
    interface InDirectory<T> {
        T apply(Path pinned) throws IOException;
    }

    <T> T inDirectory(Path dir, InDirectory<T> use) throws IOException {
        return confinement.withDirectory(dir, use::apply);
    }

    /** The file's content and stamp, read through a descriptor checked beneath the roots. */
    Read read(Path file) throws IOException {
        return confinement.withFile(file, pinned -> {
            try (FileChannel ch = FileChannel.open(pinned, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size > READ_CAP) throw new IOException(file + " is larger than " + READ_CAP + " bytes");
                ByteBuffer buf = ByteBuffer.allocate((int) size);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read until full or end of file
                }
                byte[] content = new byte[buf.position()];
                buf.flip().get(content);
                return new Read(content, ScriptStamp.of(pinned));
            }
        });
    }

    record Read(byte[] content, ScriptStamp stamp) {}

    /** Creates {@code dir} and its missing parents (beneath a root); a missing root is created as configured. */
    void ensureDirectory(Path dir) throws IOException {
        try {
            confinement.checkDirectory(dir);
            return;
        } catch (NoSuchFileException e) {
            // create it below
        }
        if (roots.contains(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            chown(dir);
            return;
        }
        Path parent = dir.getParent();
        if (parent == null) throw new NoSuchFileException(dir.toString());
        ensureDirectory(parent);
        inDirectory(parent, p -> {
            Path created = p.resolve(dir.getFileName().toString());
            try {
                Files.createDirectory(created, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                chown(created);
            } catch (FileAlreadyExistsException e) {
                // made by another session meanwhile; checked when used
            }
            return null;
        });
    }

    /** What a new file is filled with. */
    interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    /**
     * Writes a new file into the pinned {@code tmpDir} (O_EXCL: never through a link), fsyncs it, gives it to the
     * user, and renames it to {@code name} in the pinned {@code targetDir}, replacing what was there; then fsyncs
     * {@code targetDir}. A failure removes the temporary file.
     */
    void writeAtomically(Path pinnedTmpDir, Path pinnedTargetDir, String name, Content content) throws IOException {
        Path tmp = pinnedTmpDir.resolve(uniqueName("script"));
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                content.writeTo(ch);
                ch.force(true);
            }
            chown(tmp);
            Files.move(tmp, pinnedTargetDir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(pinnedTargetDir);
    }

    /** Points the link {@code name} in the pinned directory at {@code target}, atomically (new link, rename). */
    void replaceLink(Path pinnedDir, String name, String target) throws IOException {
        Path tmp = pinnedDir.resolve(name + "-new." + uniqueName("link"));
        try {
            Files.createSymbolicLink(tmp, Path.of(target));
            chown(tmp);
            Files.move(tmp, pinnedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(pinnedDir);
    }

    /** fsync of a directory, so a rename, link or removal in it survives a crash. */
    static void syncDirectory(Path pinnedDir) throws IOException {
        try (FileChannel ch = FileChannel.open(pinnedDir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** The entry's type without following a link: 'f' file, 'l' link, 'd' directory, 'o' other, 0 missing. */
    static char type(Path path) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch ((Integer) a.get("mode") & 0xF000) {
                case 0x8000 -> 'f';
                case 0xA000 -> 'l';
                case 0x4000 -> 'd';
                default -> 'o';
            };
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Copies what an input gives into a channel. */
    static void copy(InputStream in, FileChannel ch) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) ch.write(b);
        }
    }

    private void chown(Path p) throws IOException {
        if (uid.isEmpty() && gid.isEmpty()) return;
        if (NativeFileCalls.get().effectiveUid() != 0) return;
        // lchown: the name was just created by us, and a link put in its place is changed itself, not followed
        if (uid.isPresent()) Files.setAttribute(p, "unix:uid", uid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
        if (gid.isPresent()) Files.setAttribute(p, "unix:gid", gid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
    }

    private static String uniqueName(String what) {
        return what + "." + System.currentTimeMillis() + ".P" + ProcessHandle.current().pid() + "N"
                + COUNTER.incrementAndGet();
    }
}
