package org.loftmail.server;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A stand-in syslog daemon for tests: a unix datagram socket bound at a path in a temp dir (the JDK has none). */
final class DatagramReceiver implements AutoCloseable {

    private static final int EAGAIN = 11;
    private static final int MSG_DONTWAIT = 0x40;

    private final Path path;
    private final int fd;

    DatagramReceiver(Path path) {
        this.path = path;
        fd = LibC.INSTANCE.socket(1, 2 | 0x80000, 0);
        SyslogSocket.SockaddrUn address = new SyslogSocket.SockaddrUn();
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, address.sun_path, 0, name.length);
        address.sun_family = 1;
        address.write();
        LibC.INSTANCE.bind(fd, address, address.size());
    }

    /** Every datagram waiting now, without waiting for more. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        byte[] buffer = new byte[65536];
        while (true) {
            try {
                int n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).intValue();
                out.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) {
                    return out;
                }
                throw e;
            }
        }
    }

    /** Datagrams until {@code count} have come, or about five seconds passed (then what came). */
    List<String> await(int count) throws InterruptedException {
        List<String> got = new ArrayList<>(drain());
        for (int i = 0; i < 500 && got.size() < count; i++) {
            Thread.sleep(10);
            got.addAll(drain());
        }
        return got;
    }

    @Override
    public void close() throws Exception {
        LibC.INSTANCE.close(fd);
        Files.deleteIfExists(path);
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, SyslogSocket.SockaddrUn address, int length) throws LastErrorException;

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
