package org.loftmail.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal POP3 client for tests that need more than a script: raw lines, multi-line bodies, abrupt closes. */
final class Pop3Client implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;

    Pop3Client(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The next byte, or -1 at end of stream; reads the socket a buffer at a time. */
    private int next() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++] & 0xff;
    }

    /** Connects, reads the greeting and logs in with USER/PASS. */
    static Pop3Client login(Pop3TestServer server, String user, String password) throws IOException {
        Pop3Client c = new Pop3Client(server.connect());
        c.expectOk(c.readLine());
        c.expectOk(c.command("USER " + user));
        c.expectOk(c.command("PASS " + password));
        return c;
    }

    String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A line without its CRLF, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = next()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The lines of a multi-line response up to the final ".", dot-stuffing removed. */
    List<String> readMultiline() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine()) != null && !line.equals(".")) {
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
        return lines;
    }

    /** The raw bytes of a multi-line body as sent (still dot-stuffed), up to and including ".\r\n". */
    byte[] readRawMultiline() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 2; // matched bytes of "\r\n.\r\n", starting as if a CRLF preceded the body
        int c;
        while ((c = next()) >= 0) {
            b.write(c);
            state = switch (state) {
                case 0 -> c == '\r' ? 1 : 0;
                case 1 -> c == '\n' ? 2 : c == '\r' ? 1 : 0;
                case 2 -> c == '.' ? 3 : c == '\r' ? 1 : 0;
                case 3 -> c == '\r' ? 4 : 0;
                case 4 -> c == '\n' ? 5 : c == '\r' ? 1 : 0;
                default -> 0;
            };
            if (state == 5) {
                break;
            }
        }
        return b.toByteArray();
    }

    static String expectOk(String line) {
        if (line == null || !line.startsWith("+OK")) {
            throw new AssertionError("expected +OK, got: " + line);
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
