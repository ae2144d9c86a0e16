package org.loftmail.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Just enough LMTP to deliver: one transaction with several recipients, one reply per recipient. */
final class LmtpClient implements Closeable {

    private final LineConnection conn;

    LmtpClient(int port, int timeoutMillis) throws IOException {
        conn = new LineConnection(port, timeoutMillis);
        expect(conn.readLine(), "220");
        conn.send("LHLO bench.example.com\r\n");
        String line;
        do {
            line = conn.readLine();
            expect(line, "250");
        } while (line.startsWith("250-"));
    }

    /** Delivers {@code message} (CRLF lines, already dot-stuffed) and returns how many recipients got 250. */
    int deliver(String from, List<String> recipients, byte[] message) throws IOException {
        StringBuilder cmds = new StringBuilder("MAIL FROM:<" + from + ">\r\n");
        for (String r : recipients) {
            cmds.append("RCPT TO:<").append(r).append(">\r\n");
        }
        conn.send(cmds.toString());
        expect(conn.readLine(), "250");
        int accepted = 0;
        for (int i = 0; i < recipients.size(); i++) {
            if (conn.readLine().startsWith("250")) {
                accepted++;
            }
        }
        conn.send("DATA\r\n");
        expect(conn.readLine(), "354");
        conn.send(message);
        conn.send(".\r\n");
        int delivered = 0;
        for (int i = 0; i < accepted; i++) {
            if (conn.readLine().startsWith("250")) {
                delivered++;
            }
        }
        return delivered;
    }

    private static void expect(String line, String code) throws IOException {
        if (!line.startsWith(code)) {
            throw new IOException("LMTP: expected " + code + ", got " + line);
        }
    }

    @Override
    public void close() {
        try {
            conn.send("QUIT\r\n");
        } catch (IOException ignored) {
            // closing anyway
        }
        conn.close();
    }
}
