package org.loftmail.core.fs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Keeps a user's file access inside the user's mail roots, though Loft runs as root (ADR 0305). A path is
 * resolved by the kernel with {@code openat2(root, relative, O_PATH, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)}:
 * no symlink, {@code ..} or absolute link may leave the root on the way. The file that was found is then checked
 * through the descriptor (a regular file or directory as asked, owned by the user when the user has a uid and
 * Loft runs as root) and used only through that descriptor ({@code /proc/self/fd/N} reopens exactly that inode),
 * so a link swapped in between the check and the use changes nothing.
 *
 * <p>The roots themselves (mail_location's directory, INBOX=, CONTROL=, INDEX=) are the administrator's and
 * are trusted, links in them included.
 */
public final class Confinement {

    /** For files whose path the caller chose itself (tools, tests): no root, no checks. */
    public static final Confinement NONE = new Confinement(List.of(), OptionalInt.empty());

    private static final long SYS_OPENAT2 = 437; // the same on every Linux architecture (new syscalls are unified)
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_PATH = 0x200000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int EXDEV = 18;
    private static final int ELOOP = 40;
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int ENOSYS = 38;
    private static final long OPEN_HOW_SIZE = 24;
    private static final Memory HOW_FILE = openHow(O_PATH | O_CLOEXEC);
    private static final Memory HOW_DIRECTORY = openHow(O_PATH | O_CLOEXEC | O_DIRECTORY);

    /**
     * What tells a checked directory from any other: device and inode, and owner (an inode number freed and
     * reused for someone else's file or directory carries their owner), and type.
     */
    public record Identity(long device, long inode, int uid, boolean directory) {
        /** The identity of what {@code path} leads to now (links followed). */
        public static Identity of(Path path) throws IOException {
            return of(stat(path));
        }

        static Identity of(NativeFileCalls.Stat s) {
            return new Identity(s.device(), s.inode(), s.uid(), s.directory());
        }
    }

    private final List<Path> roots;
    private final OptionalInt owner;

    /**
     * @param roots the user's mail roots (absolute)
     * @param owner the user's uid: files must be owned by it (checked only when Loft runs as root)
     */
    public Confinement(List<Path> roots, OptionalInt owner) {
        List<Path> sorted = new ArrayList<>();
        for (Path r : roots) sorted.add(r.toAbsolutePath().normalize());
        // the deepest root that holds a path is the one it is resolved beneath
        sorted.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        this.roots = List.copyOf(sorted);
        this.owner = owner;
    }

    /** Two confinements are equal when they confine to the same roots for the same owner. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Confinement c && c.roots.equals(roots) && c.owner.equals(owner);
    }

    @Override
    public int hashCode() {
        return roots.hashCode() * 31 + owner.hashCode();
    }

    /** What to do with the verified file, through a path that names exactly the inode that was checked. */
    public interface Use<T> {
        T apply(Path pinned) throws IOException;
    }

    /** Opens a regular file under a mail root (see the class comment). */
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return withFile(file, pinned -> FileChannel.open(pinned, options));
    }

    /** Runs {@code use} on a regular file under a mail root, through a path pinned to the checked inode. */
    public <T> T withFile(Path file, Use<T> use) throws IOException {
        return with(file, false, use);
    }

    /**
     * Fails unless {@code dir} is a directory reached beneath a mail root and owned by the user; returns the
     * directory's identity as read through its descriptor (the checked inode's, not the path's).
     */
    public Identity checkDirectory(Path dir) throws IOException {
        if (roots.isEmpty()) return Identity.of(dir);
        Identity[] checked = new Identity[1];
        with(dir, true, checked, pinned -> null);
        return checked[0];
    }

    /**
     * Runs {@code use} on a directory reached beneath a root and owned by the user (a root itself is the
     * administrator's and is not owner-checked), through a path pinned to the checked directory: names resolved
     * against it ({@code pinned.resolve("x")}) are looked up in exactly that directory, so files can be created,
     * renamed and removed in it without a link swapped in for the directory moving them elsewhere.
     */
    public <T> T withDirectory(Path dir, Use<T> use) throws IOException {
        return with(dir, true, use);
    }

    private <T> T with(Path file, boolean directory, Use<T> use) throws IOException {
        return with(file, directory, new Identity[1], use);
    }

    /** As {@link #with(Path, boolean, Use)}, leaving the identity of what was checked in {@code checked[0]}. */
    private <T> T with(Path file, boolean directory, Identity[] checked, Use<T> use) throws IOException {
        if (roots.isEmpty()) return use.apply(file);
        Path abs = file.toAbsolutePath().normalize();
        Path root = roots.stream().filter(abs::startsWith).findFirst()
                .orElseThrow(() -> new AccessDeniedException(file.toString(), null, "outside the mail root"));
        int rootFd = libc().openPath(root.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (rootFd < 0) throw error(root, Native.getLastError(), root);
        try {
            Path rel = root.relativize(abs);
            if (rel.toString().isEmpty()) {
                Path pinned = Path.of("/proc/self/fd/" + rootFd);
                if (!directory) throw new AccessDeniedException(file.toString(), null, "a mail root is not a file");
                checked[0] = Identity.of(stat(pinned));
                return use.apply(pinned); // the administrator's directory: whoever owns it
            }
            int fd = openBeneath(rootFd, rel.toString(), directory);
            if (fd < 0) throw error(file, Native.getLastError(), root);
            try {
                Path pinned = Path.of("/proc/self/fd/" + fd);
                checked[0] = verify(file, pinned, directory);
                return use.apply(pinned);
            } finally {
                libc().closeFd(fd);
            }
        } finally {
            libc().closeFd(rootFd);
        }
    }

    private static int openBeneath(int dirFd, String rel, boolean directory) {
        return (int) libc().syscallAt(SYS_OPENAT2, dirFd, rel, directory ? HOW_DIRECTORY : HOW_FILE, OPEN_HOW_SIZE);
    }

    /** A {@code struct open_how { u64 flags; u64 mode; u64 resolve; }}: only ever read by the kernel, so shared. */
    private static Memory openHow(int flags) {
        Memory how = new Memory(OPEN_HOW_SIZE);
        how.setLong(0, flags & 0xFFFFFFFFL);
        how.setLong(8, 0);
        how.setLong(16, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS);
        return how;
    }

    private Identity verify(Path file, Path pinned, boolean directory) throws IOException {
        NativeFileCalls.Stat a = stat(pinned);
        int type = a.mode() & 0xF000;
        if (directory ? type != 0x4000 : type != 0x8000) {
            throw new AccessDeniedException(file.toString(), null, directory ? "not a directory" : "not a regular file");
        }
        if (owner.isPresent() && libc().effectiveUid() == 0 && a.uid() != owner.getAsInt()) {
            throw new AccessDeniedException(file.toString(), null, "owned by uid " + a.uid() + ", not by the user");
        }
        return Identity.of(a);
    }

    private static NativeFileCalls.Stat stat(Path path) throws IOException {
        NativeFileCalls.Stat s = libc().stat(path.toString());
        if (s == null) {
            int errno = Native.getLastError();
            if (errno == ENOENT) throw new NoSuchFileException(path.toString());
            throw new IOException("cannot stat " + path + " (errno " + errno + ")");
        }
        return s;
    }

    private static IOException error(Path file, int errno, Path root) {
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(file.toString());
            case EXDEV, ELOOP -> new AccessDeniedException(file.toString(), null, "a link leads out of " + root);
            case ENOTDIR -> new AccessDeniedException(file.toString(), null, "not a directory");
            case ENOSYS -> new IOException("cannot open " + file + " beneath " + root + ": openat2 needs Linux 5.6 or later");
            default -> new IOException("cannot open " + file + " (errno " + errno + ")");
        };
    }

    private static NativeFileCalls libc() {
        return NativeFileCalls.get();
    }
}
