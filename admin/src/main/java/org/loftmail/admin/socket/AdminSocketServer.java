package org.loftmail.admin.socket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the admin socket in base_dir: each connection runs one command inside the server ({@link Runner}) and
 * streams its output back. The socket is made private (0600) before it takes its name, so no other user can
 * connect even for a moment; only the commands in {@code allowed} are run.
 */
public final class AdminSocketServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSocketServer.class);
    /** Most standard input a command may send (a message for save, a Sieve script). */
    static final long MAX_STDIN = 256L * 1024 * 1024;

    /** Runs one command line; returns its exit code. */
    @FunctionalInterface
    public interface Runner {
        int run(List<String> args, InputStream stdin, PrintWriter out, PrintWriter err);
    }

    private final Path path;
    private final ServerSocketChannel channel;
    private final Runner runner;
    private final Set<String> allowed;
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminSocketServer(Path path, ServerSocketChannel channel, Runner runner, Set<String> allowed) {
        this.path = path;
        this.channel = channel;
        this.runner = runner;
        this.allowed = Set.copyOf(allowed);
        this.acceptor = Thread.ofPlatform().daemon().name("admin-socket").unstarted(this::acceptLoop);
    }

    /** Binds {@code path} (replacing a stale socket) and starts answering. */
    public static AdminSocketServer start(Path path, Runner runner, Set<String> allowed) throws IOException {
        Path temp = path.resolveSibling("." + path.getFileName() + ".new");
        Files.deleteIfExists(temp);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temp));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        AdminSocketServer server = new AdminSocketServer(path, channel, runner, allowed);
        server.acceptor.start();
        return server;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("admin-command").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("admin socket {}: accept failed: {}", path, e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(client));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(client));
            String version = AdminProtocol.readLine(in);
            if (version == null || !version.startsWith("VERSION\tloft-admin\t1\t")) {
                return; // not our protocol: say nothing
            }
            AdminProtocol.writeLine(out, AdminProtocol.VERSION);
            out.flush();
            String runLine = AdminProtocol.readLine(in);
            if (runLine == null) {
                return;
            }
            List<String> args = AdminProtocol.parseRun(runLine);
            byte[] stdin = readStdin(in);
            FrameOutputStream stdout = new FrameOutputStream(out, 'O');
            FrameOutputStream stderr = new FrameOutputStream(out, 'E');
            PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
            PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), false);
            int exit;
            String command = firstCommand(args);
            if (command == null || !allowed.contains(command)) {
                e.println("adm: '" + (command == null ? "" : command) + "' is not run by the server; run it directly");
                exit = 64;
            } else {
                try {
                    exit = runner.run(args, new java.io.ByteArrayInputStream(stdin), o, e);
                } catch (RuntimeException ex) {
                    LOG.error("admin command {} failed", command, ex);
                    e.println("adm: Error: " + ex.getMessage());
                    exit = 75;
                }
            }
            o.flush();
            e.flush();
            stdout.flush();
            stderr.flush();
            synchronized (out) {
                out.write(("X " + exit + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("admin socket connection ended: {}", e.getMessage());
        }
    }

    /** IN frames up to {@code IN 0}, which every client sends (alone when the command reads nothing). */
    private static byte[] readStdin(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            AdminProtocol.Frame f = AdminProtocol.readFrame(in);
            if (f.kind() != 'I') {
                throw new IOException("unexpected frame " + f.kind());
            }
            if (f.data().length == 0) {
                return data.toByteArray();
            }
            if (data.size() + f.data().length > MAX_STDIN) {
                throw new IOException("standard input too large");
            }
            data.write(f.data());
        }
    }

    /** The command word after the top-level options (-c FILE, -f FORMATTER). */
    static String firstCommand(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-c") || a.equals("-f")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing at shutdown
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("admin socket {}: could not remove it: {}", path, e.getMessage());
        }
    }
}
