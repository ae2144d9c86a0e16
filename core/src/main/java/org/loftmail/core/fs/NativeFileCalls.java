package org.loftmail.core.fs;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the file helpers need (through JNA), loaded once on first use. */
public interface NativeFileCalls extends Library {

    long syscall(long number, Object... args);

    int open(String path, int flags);

    int close(int fd);

    int chown(String path, int uid, int gid);

    int geteuid();

    /** The loaded library. */
    static NativeFileCalls get() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: libc is loaded when a file helper first needs it. */
    final class Holder {
        private static final NativeFileCalls INSTANCE = Native.load("c", NativeFileCalls.class);

        private Holder() {}
    }
}
