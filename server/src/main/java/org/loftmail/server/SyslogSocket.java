package org.loftmail.server;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected unix datagram socket to the local syslog daemon (/dev/log), through libc with JNA (ADR 0110): the
 * JDK has unix stream sockets only. Sends never wait: the socket is non-blocking, so a daemon that does not read
 * makes {@link #send} answer {@link Sent#FULL} at once instead of holding a session thread. A daemon that
 * restarted (its old socket gone: ECONNREFUSED) is reconnected and the datagram sent again once, as glibc's
 * syslog(3) does; while the socket cannot be reached, a new connect is tried at most once a second.
 */
final class SyslogSocket implements AutoCloseable {

    /** What became of one datagram. */
    enum Sent { SENT, FULL, UNREACHABLE }

    // Linux's values (Loft runs on Linux; elsewhere the socket reports itself unreachable).
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    private static final int EMSGSIZE = 90;
    private static final int EPROTOTYPE = 91;
    private static final long RECONNECT_INTERVAL_NANOS = 1_000_000_000L;

    private final Path path;
    private int fd = -1;
    private long nextConnect = Long.MIN_VALUE;
    private boolean everConnected;
    private boolean closed;
    private String problem = "not connected yet";

    SyslogSocket(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Why the socket is unreachable, for the one notice on standard error. */
    synchronized String problem() {
        return problem;
    }

    /** Sends one datagram, or says why it did not. Never blocks. */
    synchronized Sent send(byte[] datagram) {
        if (fd < 0 && !connect()) {
            return Sent.UNREACHABLE;
        }
        Sent first = sendOnce(datagram);
        if (first != Sent.UNREACHABLE) {
            return first;
        }
        // The daemon went away (restart, rotation of its socket): connect anew and try once more now.
        closeFd();
        nextConnect = Long.MIN_VALUE;
        return connect() ? sendOnce(datagram) : Sent.UNREACHABLE;
    }

    private Sent sendOnce(byte[] datagram) {
        try {
            LibC.INSTANCE.send(fd, datagram, new NativeLong(datagram.length), MSG_DONTWAIT | MSG_NOSIGNAL);
            return Sent.SENT;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EAGAIN || errno == ENOBUFS || errno == EMSGSIZE) {
                return Sent.FULL; // the daemon is behind (or the line is over its limit): drop, do not wait
            }
            problem = "send: " + reason(e);
            return Sent.UNREACHABLE;
        }
    }

    private boolean connect() {
        long now = System.nanoTime();
        if (closed || nextConnect != Long.MIN_VALUE && now - nextConnect < 0) {
            return false;
        }
        nextConnect = now + RECONNECT_INTERVAL_NANOS;
        if (!Platform.isLinux()) {
            problem = "syslog sockets are supported on Linux only";
            return false;
        }
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        SockaddrUn address = new SockaddrUn();
        if (name.length >= address.sun_path.length) {
            problem = "socket path is longer than " + (address.sun_path.length - 1) + " bytes";
            return false;
        }
        System.arraycopy(name, 0, address.sun_path, 0, name.length);
        address.sun_family = AF_UNIX;
        address.write();
        int socket;
        try {
            socket = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            problem = "socket: " + reason(e);
            return false;
        }
        try {
            LibC.INSTANCE.connect(socket, address, address.size());
        } catch (LastErrorException e) {
            problem = e.getErrorCode() == EPROTOTYPE
                    ? "it is a stream socket; Loft sends datagrams, as journald, rsyslog and syslog-ng's system() take"
                    : reason(e);
            closeQuietly(socket);
            return false;
        }
        fd = socket;
        everConnected = true;
        return true;
    }

    /** True once a connect has succeeded (tests wait on a receiver, not on this). */
    synchronized boolean everConnected() {
        return everConnected;
    }

    private static String reason(LastErrorException e) {
        String text = e.getMessage();
        // JNA's message is "[errno] strerror text"; the text is what a person reads.
        int close = text == null ? -1 : text.indexOf("] ");
        return close >= 0 ? text.substring(close + 2) : String.valueOf(text);
    }

    private void closeFd() {
        if (fd >= 0) {
            closeQuietly(fd);
            fd = -1;
        }
    }

    private static void closeQuietly(int socket) {
        try {
            LibC.INSTANCE.close(socket);
        } catch (LastErrorException ignored) {
            // closing a socket whose peer is gone cannot fail in a way that matters here
        }
    }

    @Override
    public synchronized void close() {
        closeFd();
        closed = true; // for good: a late log line must not reopen it
        problem = "closed";
    }

    /** struct sockaddr_un on Linux. */
    @Structure.FieldOrder({"sun_family", "sun_path"})
    public static final class SockaddrUn extends Structure {
        public short sun_family;
        public byte[] sun_path = new byte[108];
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int connect(int fd, SockaddrUn address, int length) throws LastErrorException;

        NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
