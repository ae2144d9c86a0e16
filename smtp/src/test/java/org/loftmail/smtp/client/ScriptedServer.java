package org.loftmail.smtp.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server that plays a script for one connection: lines starting {@code S:} are sent, {@code C:} lines
 * must be what the client sends next (exactly), {@code C:~prefix} only has to start with the prefix, {@code DATA}
 * swallows the message up to the dot (recorded in {@link #messages}), and {@code TLS} turns the connection into
 * a TLS server socket. A mismatch ends the script with a failure that {@link #finish()} reports.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<String> script;
    private final SSLContext tls;
    private final boolean implicitTls;
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    ScriptedServer(SSLContext tls, boolean implicitTls, String... script) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.script = List.of(script);
        this.tls = tls;
        this.implicitTls = implicitTls;
        Thread.ofVirtual().start(this::run);
    }

    ScriptedServer(String... script) throws IOException {
        this(null, false, script);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void run() {
        try (Socket accepted = listener.accept()) {
            Socket socket = implicitTls ? wrap(accepted) : accepted;
            play(socket);
            done.complete(null);
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    private void play(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        for (String step : script) {
            if (step.startsWith("S:")) {
                out.write((step.substring(2) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } else if (step.startsWith("C:")) {
                String line = in.readLine();
                received.add(line);
                String want = step.substring(2);
                boolean ok = want.startsWith("~") ? line != null && line.startsWith(want.substring(1))
                        : want.equals(line);
                if (!ok) {
                    throw new AssertionError("expected " + want + " but the client sent " + line);
                }
            } else if (step.equals("DATA")) {
                StringBuilder message = new StringBuilder();
                String line;
                while (!".".equals(line = in.readLine())) {
                    if (line == null) {
                        throw new AssertionError("connection closed inside DATA");
                    }
                    message.append(line).append('\n');
                }
                messages.add(message.toString());
            } else if (step.equals("TLS")) {
                socket = wrap(socket);
                in = reader(socket);
                out = socket.getOutputStream();
            } else if (step.equals("EOF")) {
                if (in.readLine() != null) {
                    throw new AssertionError("the client went on after the script's end");
                }
            } else {
                throw new IllegalArgumentException("bad script step " + step);
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private Socket wrap(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        return s;
    }

    /** Waits for the script to end; rethrows what went wrong on the server's side. */
    void finish() throws Exception {
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
