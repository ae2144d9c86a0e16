package org.loftmail.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Just enough IMAP to drive a server: tagged commands, literals in responses, APPEND and IDLE. */
final class ImapClient implements Closeable {

    /** The tagged reply and how many untagged lines and literal bytes came before it. */
    record Reply(String status, List<String> untagged, long literalBytes) {
        boolean ok() {
            return status.startsWith("OK");
        }
    }

    private final LineConnection conn;
    private int tag;

    ImapClient(int port, int timeoutMillis) throws IOException {
        conn = new LineConnection(port, timeoutMillis);
        String greeting = conn.readLine();
        if (!greeting.startsWith("* OK")) {
            throw new IOException("unexpected IMAP greeting: " + greeting);
        }
    }

    Reply command(String command) throws IOException {
        String t = "b" + (++tag);
        conn.send(t + " " + command + "\r\n");
        return readUntilTagged(t, false);
    }

    Reply login(String user, String password) throws IOException {
        return command("LOGIN \"" + user + "\" \"" + password + "\"");
    }

    Reply append(String mailbox, byte[] message) throws IOException {
        String t = "b" + (++tag);
        conn.send(t + " APPEND \"" + mailbox + "\" {" + message.length + "}\r\n");
        String cont = conn.readLine();
        if (!cont.startsWith("+")) {
            return new Reply(cont.substring(cont.indexOf(' ') + 1), List.of(), 0);
        }
        conn.send(message);
        conn.send("\r\n");
        return readUntilTagged(t, false);
    }

    /** Starts IDLE and returns once the server accepted it. */
    void idle() throws IOException {
        String t = "b" + (++tag);
        conn.send(t + " IDLE\r\n");
        String line = conn.readLine();
        if (!line.startsWith("+")) {
            throw new IOException("IDLE refused: " + line);
        }
    }

    private Reply readUntilTagged(String t, boolean keepUntagged) throws IOException {
        List<String> untagged = new ArrayList<>();
        long literal = 0;
        while (true) {
            String line = conn.readLine();
            while (line.endsWith("}") && line.lastIndexOf('{') >= 0) {
                String count = line.substring(line.lastIndexOf('{') + 1, line.length() - 1).replace("+", "");
                literal += conn.skip(Long.parseLong(count));
                line = conn.readLine();
            }
            if (line.startsWith(t + " ")) {
                return new Reply(line.substring(t.length() + 1), untagged, literal);
            }
            if (untagged.size() < 100_000) {
                untagged.add(line.length() > 200 ? line.substring(0, 200) : line);
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        conn.close();
    }
}
