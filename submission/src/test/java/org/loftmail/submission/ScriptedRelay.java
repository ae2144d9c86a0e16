package org.loftmail.submission;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay MTA whose answers a test chooses: per recipient (RCPT), to the data, and whether it offers XCLIENT.
 * Records every command line and message it receives. One connection at a time is enough for these tests.
 */
final class ScriptedRelay implements AutoCloseable {

    /** A message the relay took: its envelope and its bytes (dot-unstuffed, CRLF line ends). */
    record Received(String from, List<String> to, String data) {}

    private final ServerSocket server;
    private final Thread thread;
    final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    volatile String dataReply = "250 2.0.0 Ok: queued as 4711";
    volatile boolean offerXclient;
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedRelay() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                converse(s);
            } catch (IOException e) {
                // the next connection, or closed
            }
        }
    }

    private void converse(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        send(out, "220 relay.test ESMTP");
        String from = null;
        List<String> to = new CopyOnWriteArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                send(out, "250-relay.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
                        + (offerXclient ? "250-XCLIENT NAME ADDR PORT PROTO HELO LOGIN\r\n" : "")
                        + "250 SIZE 100000000");
            } else if (upper.startsWith("XCLIENT")) {
                send(out, "220 relay.test ESMTP");
            } else if (upper.startsWith("MAIL FROM:")) {
                from = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                to.clear();
                send(out, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO:")) {
                String rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                String reply = rcptReplies.getOrDefault(rcpt, "250 2.1.5 Ok");
                if (reply.startsWith("2")) {
                    to.add(rcpt);
                }
                send(out, reply);
            } else if (upper.equals("DATA")) {
                send(out, "354 End data with <CR><LF>.<CR><LF>");
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                String d;
                while ((d = in.readLine()) != null && !d.equals(".")) {
                    data.writeBytes((d.startsWith(".") ? d.substring(1) : d).getBytes(StandardCharsets.ISO_8859_1));
                    data.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (dataReply.startsWith("2")) {
                    received.add(new Received(from, List.copyOf(to), data.toString(StandardCharsets.ISO_8859_1)));
                }
                send(out, dataReply);
            } else if (upper.equals("RSET")) {
                send(out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                send(out, "221 2.0.0 Bye");
                return;
            } else {
                send(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
