package org.loftmail.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny line protocol for transport tests: echoes lines, and knows STARTTLS, RAW n, IDLE n, QUIT. */
final class EchoService implements ProtocolService {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public int maxLineLength() {
        return 1000;
    }

    @Override
    public LinePauser linePauser() {
        return line -> LinePauser.startsWithWord(line, "STARTTLS", "RAW");
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "BYE too many\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Session newSession(Connection c) {
        return new Session() {
            private final StringBuilder raw = new StringBuilder();

            @Override
            public void start() {
                c.write("HELLO" + (c.isSecure() ? " tls" : "") + "\r\n");
                c.flush();
            }

            @Override
            public void onLine(byte[] bytes) {
                String line = new String(bytes, StandardCharsets.UTF_8);
                if (line.equals("STARTTLS")) {
                    c.write("GO\r\n");
                    c.startTls();
                } else if (line.startsWith("RAW ")) {
                    c.write("SEND\r\n");
                    c.flush();
                    c.readRaw(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("IDLE ")) {
                    c.setIdleTimeout(Duration.ofMillis(Long.parseLong(line.substring(5))));
                    c.write("IDLING\r\n");
                    c.flush();
                } else if (line.equals("BIG")) {
                    for (int i = 0; i < 2000; i++) {
                        c.write("x".repeat(1000) + "\r\n");
                        c.flush();
                    }
                    c.write("END\r\n");
                    c.flush();
                } else if (line.equals("WHO")) {
                    c.write("CERT " + c.peerCertificate().map(x -> x.getSubjectX500Principal().getName()).orElse("none")
                            + "\r\n");
                    c.flush();
                } else if (line.equals("QUIT")) {
                    c.write("BYE\r\n");
                    c.close();
                } else {
                    c.write("ECHO " + line + (c.isSecure() ? " (tls)" : "") + "\r\n");
                    c.flush();
                }
            }

            @Override
            public void onLineTooLong() {
                c.write("ERR line too long\r\n");
                c.flush();
            }

            @Override
            public void onRawData(byte[] chunk, boolean last) {
                raw.append(new String(chunk, StandardCharsets.UTF_8));
                if (last) {
                    c.write("GOT " + raw.length() + " " + raw + "\r\n");
                    c.flush();
                    raw.setLength(0);
                }
            }

            @Override
            public void onIdleTimeout(Connection connection) {
                connection.write("TIMEOUT\r\n");
                connection.close();
            }
        };
    }
}
