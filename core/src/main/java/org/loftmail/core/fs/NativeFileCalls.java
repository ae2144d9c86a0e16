package org.loftmail.core.fs;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls the file helpers need, bound once with JNA's direct mapping (static natives: no proxy, no
 * reflection per call — these run on every confined file access).
 */
public final class NativeFileCalls {

    private static final NativeFileCalls INSTANCE = new NativeFileCalls();

    static {
        Native.register(NativeFileCalls.class, "c");
    }

    private NativeFileCalls() {}

    /** The loaded library. */
    public static NativeFileCalls get() {
        return INSTANCE;
    }

    private static native long syscall(long number, long dirFd, String path, Pointer how, long size);

    private static native int open(String path, int flags);

    private static native int close(int fd);

    private static native int chown(String path, int uid, int gid);

    private static native int geteuid();

    private static native int statx(int dirFd, String path, int flags, int mask, byte[] buffer);

    private static final int AT_FDCWD = -100;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;

    /** What statx(2) tells of a file; enough to tell one inode from another and whose it is. */
    public record Stat(long device, long inode, int uid, int mode) {
        public boolean directory() {
            return (mode & 0xF000) == 0x4000;
        }
    }

    /**
     * statx(2) of {@code path}, links followed; {@code -errno} is thrown away and null returned when it fails
     * (the caller reads errno with {@link Native#getLastError()} if it cares).
     */
    public Stat stat(String path) {
        byte[] buffer = new byte[STATX_SIZE];
        if (statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, buffer) != 0) return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buffer).order(java.nio.ByteOrder.nativeOrder());
        // struct statx: stx_uid at 20, stx_mode (u16) at 28, stx_ino at 32, stx_dev_major/minor at 136/140
        long device = ((long) b.getInt(136) << 32) | (b.getInt(140) & 0xFFFFFFFFL);
        return new Stat(device, b.getLong(32), b.getInt(20), b.getShort(28) & 0xFFFF);
    }

    /** {@code syscall(number, dirFd, path, how, size)}: the shape of openat2(2). */
    public long syscallAt(long number, int dirFd, String path, Pointer how, long size) {
        return syscall(number, dirFd, path, how, size);
    }

    public int openPath(String path, int flags) {
        return open(path, flags);
    }

    public int closeFd(int fd) {
        return close(fd);
    }

    public int chownPath(String path, int uid, int gid) {
        return chown(path, uid, gid);
    }

    public int effectiveUid() {
        return geteuid();
    }
}
