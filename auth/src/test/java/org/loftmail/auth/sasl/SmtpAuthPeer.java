package org.loftmail.auth.sasl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Just enough of an SMTP server (EHLO, AUTH per RFC 4954, QUIT) on a loopback ephemeral port to
 * let real SMTP clients (Angus Mail, Python's smtplib) authenticate against Loft's mechanisms.
 */
final class SmtpAuthPeer implements AutoCloseable {
    private final ServerSocket server;
    private final SaslMechanisms mechanisms;
    private final SaslPassdb passdb;
    private final Thread acceptor;
    volatile String lastUser;

    SmtpAuthPeer(SaslMechanisms mechanisms, SaslPassdb passdb) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.mechanisms = mechanisms;
        this.passdb = passdb;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream()) {
            send(out, "220 localhost ESMTP test peer");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    String names = mechanisms.advertised(true).stream().map(SaslMechanism::name).collect(Collectors.joining(" "));
                    send(out, "250-localhost\r\n250-AUTH " + names + "\r\n250 8BITMIME");
                } else if (upper.startsWith("AUTH ")) {
                    auth(line.substring(5).trim(), in, out);
                } else if (upper.startsWith("QUIT")) {
                    send(out, "221 2.0.0 Bye");
                    return;
                } else if (upper.startsWith("NOOP") || upper.startsWith("RSET")) {
                    send(out, "250 2.0.0 OK");
                } else {
                    send(out, "502 5.5.2 not in this test peer");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private void auth(String args, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = args.split(" ", 2);
        Optional<SaslMechanism> mechanism = mechanisms.find(parts[0]);
        if (mechanism.isEmpty()) {
            send(out, "504 5.5.4 Unrecognized authentication type");
            return;
        }
        SaslExchange exchange = mechanism.get().newExchange(SaslRequestContext.of("smtp"), passdb);
        Optional<byte[]> initial = Optional.empty();
        if (parts.length == 2) {
            initial = Optional.of(parts[1].equals("=") ? new byte[0] : Base64.getDecoder().decode(parts[1].trim()));
        }
        SaslStep step = exchange.start(initial);
        while (true) {
            switch (step) {
                case SaslStep.Challenge c -> {
                    send(out, "334 " + Base64.getEncoder().encodeToString(c.data()));
                    String response = in.readLine();
                    if (response == null) {
                        return;
                    }
                    if (response.equals("*")) {
                        send(out, "501 5.7.0 Authentication aborted");
                        return;
                    }
                    byte[] decoded;
                    try {
                        decoded = Base64.getDecoder().decode(response.trim());
                    } catch (IllegalArgumentException e) {
                        send(out, "501 5.5.2 Invalid base64");
                        return;
                    }
                    step = exchange.respond(decoded);
                }
                case SaslStep.Success s -> {
                    if (s.additionalData().isPresent()) {
                        send(out, "334 " + Base64.getEncoder().encodeToString(s.additionalData().get()));
                        in.readLine();
                    }
                    lastUser = s.user();
                    send(out, "235 2.7.0 Authentication successful");
                    return;
                }
                case SaslStep.Failure f -> {
                    send(out, f.temporary() ? "454 4.7.0 Temporary authentication failure"
                            : "535 5.7.8 Authentication credentials invalid");
                    return;
                }
            }
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
