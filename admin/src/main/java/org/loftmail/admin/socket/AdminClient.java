package org.loftmail.admin.socket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/** Sends one command line to a running server's admin socket and copies its output back. */
public final class AdminClient {

    private AdminClient() {}

    /** Thrown when no server answers at the socket (absent, stale, or not ours). */
    public static final class NoServerException extends IOException {
        NoServerException(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code args} in the server. {@code stdin} (may be null) is sent first. Returns the exit code.
     *
     * @throws NoServerException when nothing answers at {@code socket}: the caller may work directly instead
     * @throws IOException when the server went away during the command
     */
    public static int run(Path socket, List<String> args, InputStream stdin, OutputStream out, OutputStream err)
            throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new NoServerException("can't connect to " + socket + ": " + e.getMessage());
        }
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream o = new BufferedOutputStream(Channels.newOutputStream(channel));
            AdminProtocol.writeLine(o, AdminProtocol.VERSION);
            o.flush();
            String version = AdminProtocol.readLine(in);
            if (version == null || !version.startsWith("VERSION\tloft-admin\t1\t")) {
                throw new NoServerException(socket + " is not a Loft admin socket");
            }
            AdminProtocol.writeLine(o, AdminProtocol.runLine(args));
            if (stdin != null) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = stdin.read(buffer)) > 0) {
                    AdminProtocol.writeFrame(o, 'I', buffer, 0, n);
                }
            }
            AdminProtocol.writeFrame(o, 'I', new byte[0], 0, 0);
            o.flush();
            while (true) {
                AdminProtocol.Frame f = AdminProtocol.readFrame(in);
                switch (f.kind()) {
                    case 'O' -> {
                        out.write(f.data());
                        out.flush();
                    }
                    case 'E' -> {
                        err.write(f.data());
                        err.flush();
                    }
                    case 'X' -> {
                        return f.number();
                    }
                    default -> throw new IOException("unexpected frame from the server: " + f.kind());
                }
            }
        }
    }
}
