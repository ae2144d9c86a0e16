package org.loftmail.maildir;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.Set;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.fs.NativeFileCalls;
import org.loftmail.core.storage.index.IndexFileCreator;

/**
 * Creates the user's files and directories: directories 0700, files 0600, and, when the process runs as root
 * and the user has a uid/gid, owned by that user (chown through libc, as Dovecot's mail processes would have
 * created them after dropping privileges).
 */
final class FileCreator implements IndexFileCreator {

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final OptionalInt uid;
    private final OptionalInt gid;
    private final Confinement confinement;

    /** For files whose paths the caller chose itself (tools, tests): reads are not confined. */
    FileCreator(OptionalInt uid, OptionalInt gid) {
        this(uid, gid, Confinement.NONE);
    }

    FileCreator(OptionalInt uid, OptionalInt gid, Confinement confinement) {
        this.uid = uid;
        this.gid = gid;
        this.confinement = confinement;
    }

    /** How the user's existing files are opened: beneath the mail roots, owned by the user (ADR 0305). */
    Confinement confinement() {
        return confinement;
    }

    /** Loft's own index files (loft.index.log, loft.cache, …) are opened beneath the user's roots like theirs (ADR 0305). */
    @Override
    public FileChannel open(Path file, java.nio.file.OpenOption... options) throws IOException {
        return confinement.open(file, options);
    }

    private static NativeFileCalls libc() {
        return NativeFileCalls.get();
    }

    private boolean chownWanted() {
        return (uid.isPresent() || gid.isPresent()) && libc().effectiveUid() == 0;
    }

    void chown(Path p) throws IOException {
        if (!chownWanted()) return;
        int r = libc().chownPath(p.toString(), uid.orElse(-1), gid.orElse(-1));
        if (r != 0) throw new IOException("chown " + p + " failed (errno " + Native.getLastError() + ")");
    }

    /** Creates a directory and its missing parents with mode 0700 and the user's ownership. */
    @Override
    public void directories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null) directories(parent);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            chown(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Creates a new file (must not exist), writes it, fsyncs it. */
    void writeNew(Path file, byte[] content) throws IOException {
        try (OutputStream out = newFile(file)) {
            out.write(content);
        }
    }

    /** What {@link #replace} writes into the new version of a file. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code file} atomically: writes a temporary sibling (fsynced), then renames it over the file. A write
     * that fails (ENOSPC, EIO) removes the temporary file, so failures leave neither a half file nor litter.
     */
    void replace(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        Files.deleteIfExists(tmp);
        try {
            try (OutputStream out = newFile(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Opens a new file for writing, mode 0600, owned by the user; closing it fsyncs. */
    OutputStream newFile(Path file) throws IOException {
        return newFile(file, true);
    }

    @Override
    public OutputStream newCacheFile(Path file) throws IOException {
        return newFile(file, false);
    }

    /** As {@link #newFile(Path)}; without {@code fsync} for caches that can be rebuilt. */
    OutputStream newFile(Path file, boolean fsync) throws IOException {
        FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            chown(file);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
        OutputStream raw = Channels.newOutputStream(ch);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                raw.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    if (fsync) ch.force(true);
                } finally {
                    ch.close();
                }
            }
        };
    }
}
