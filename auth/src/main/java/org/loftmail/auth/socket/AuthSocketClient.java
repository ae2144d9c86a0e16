package org.loftmail.auth.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client for Loft's (and Dovecot's) auth sockets, as doveadm uses them: the auth client
 * protocol for {@code auth test}, the auth-userdb protocol for {@code auth lookup}, {@code user}
 * and {@code auth cache flush}. One request at a time; blocking.
 */
public final class AuthSocketClient implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> handshake = new ArrayList<>();
    private int nextId = 1;
    /** Unix-socket reads cannot time out by themselves: a watchdog closes the channel when a reply is overdue. */
    private static final long REPLY_TIMEOUT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private volatile long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;

    /** A reply line split into its command, id and {@code key=value} fields (unescaped). */
    public record Reply(String command, String id, List<String> args, Map<String, String> fields) {}

    private AuthSocketClient(Path socket, boolean clientProtocol) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("connect(" + socket + ") failed: " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("auth-client-watchdog").start(this::closeWhenOverdue);
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        out = Channels.newOutputStream(channel);
        if (clientProtocol) {
            send("VERSION\t1\t2\nCPID\t" + ProcessHandle.current().pid());
            String line;
            while ((line = in.readLine()) != null) {
                handshake.add(line);
                if (line.equals("DONE")) {
                    break;
                }
            }
        } else {
            send("VERSION\t1\t1");
            String line = in.readLine();
            if (line != null) {
                handshake.add(line);
            }
            line = in.readLine();
            if (line != null) {
                handshake.add(line);
            }
        }
    }

    /** Connects to an auth client socket (auth-client, Postfix's private/auth) and reads the handshake. */
    public static AuthSocketClient client(Path socket) throws IOException {
        return new AuthSocketClient(socket, true);
    }

    /** Connects to an auth-userdb (auth-master) socket. */
    public static AuthSocketClient userdb(Path socket) throws IOException {
        return new AuthSocketClient(socket, false);
    }

    public List<String> handshake() {
        return List.copyOf(handshake);
    }

    /** AUTH PLAIN with the password in the initial response; returns the OK or FAIL reply. */
    public Reply authPlain(String service, String user, String password, Map<String, String> info) throws IOException {
        String id = Integer.toString(nextId++);
        byte[] resp = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("AUTH\t").append(id).append("\tPLAIN\tservice=").append(TabEscape.escape(service));
        info.forEach((k, v) -> b.append('\t').append(TabEscape.escape(k)).append('=').append(TabEscape.escape(v)));
        b.append("\tresp=").append(Base64.getEncoder().encodeToString(resp));
        send(b.toString());
        return readReply(id);
    }

    /** USER (userdb lookup) or PASS (passdb lookup): the USER/PASS, NOTFOUND or FAIL reply. */
    public Reply lookup(String command, String user, String service) throws IOException {
        String id = Integer.toString(nextId++);
        send(command + "\t" + id + "\t" + TabEscape.escape(user) + "\tservice=" + TabEscape.escape(service));
        return readReply(id);
    }

    /** LIST: every user name, or an IOException when the server can't list. */
    public List<String> list() throws IOException {
        String id = Integer.toString(nextId++);
        send("LIST\t" + id);
        List<String> users = new ArrayList<>();
        while (true) {
            Reply r = readReply(id);
            if (r.command().equals("LIST") && !r.args().isEmpty()) {
                users.add(r.args().get(0));
            } else if (r.command().equals("DONE")) {
                if (r.args().contains("fail")) {
                    throw new IOException("user listing failed on the server");
                }
                return users;
            }
        }
    }

    /** CACHE-FLUSH for everyone (no users) or the named users: how many entries were dropped. */
    public long cacheFlush(List<String> users) throws IOException {
        String id = Integer.toString(nextId++);
        StringBuilder b = new StringBuilder("CACHE-FLUSH\t").append(id);
        users.forEach(u -> b.append('\t').append(TabEscape.escape(u)));
        send(b.toString());
        Reply r = readReply(id);
        if (!r.command().equals("OK") || r.args().isEmpty()) {
            throw new IOException("cache flush failed: " + r.command());
        }
        return Long.parseLong(r.args().get(0));
    }

    private void closeWhenOverdue() {
        try {
            while (channel.isOpen()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    channel.close(); // the blocked read ends with an exception: "no reply" instead of a hang
                    return;
                }
                Thread.sleep(Math.min(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left) + 1, 1000));
            }
        } catch (IOException | InterruptedException e) {
            // closing anyway
        }
    }

    private void send(String lines) throws IOException {
        deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
        out.write((lines + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Reply readReply(String id) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("auth server closed the connection");
            }
            String[] parts = line.split("\t", -1);
            if (parts.length < 2 || !parts[1].equals(id)) {
                continue;
            }
            List<String> args = new ArrayList<>();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String v = TabEscape.unescape(parts[i]);
                args.add(v);
                int eq = parts[i].indexOf('=');
                if (eq > 0) {
                    fields.put(TabEscape.unescape(parts[i].substring(0, eq)), TabEscape.unescape(parts[i].substring(eq + 1)));
                }
            }
            return new Reply(parts[0], parts[1], args, fields);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
