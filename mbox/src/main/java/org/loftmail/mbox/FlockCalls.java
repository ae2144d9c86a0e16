package org.loftmail.mbox;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** flock(2), which Java does not offer (its FileChannel locks are fcntl locks), through JNA. */
interface FlockCalls extends Library {

    int LOCK_SH = 1;
    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;

    int open(String path, int flags);

    int flock(int fd, int operation);

    int close(int fd);

    static FlockCalls get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        private static final FlockCalls INSTANCE = Native.load("c", FlockCalls.class);

        private Holder() {}
    }
}
