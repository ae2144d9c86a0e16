package org.loftmail.lmtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare LMTP client for tests that need exact bytes (bare LF, huge lines, dropping the connection). */
final class LmtpClient implements AutoCloseable {

    final Socket socket;
    final BufferedReader in;
    final OutputStream out;

    LmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    String line() throws IOException {
        return in.readLine();
    }

    /** Reads one (possibly multi-line) reply; returns its lines. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; got so far: " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    void raw(String text) throws IOException {
        raw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String send(String command) throws IOException {
        raw(command + "\r\n");
        return String.join("\n", reply());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
