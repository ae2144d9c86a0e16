package org.loftmail.bench;

import java.io.Closeable;
import java.io.IOException;

/** Just enough POP3 to download a maildrop. */
final class Pop3Client implements Closeable {

    private final LineConnection conn;

    Pop3Client(int port, int timeoutMillis) throws IOException {
        conn = new LineConnection(port, timeoutMillis);
        expectOk(conn.readLine());
    }

    String command(String line) throws IOException {
        conn.send(line + "\r\n");
        return expectOk(conn.readLine());
    }

    /** A multi-line reply; returns its size in bytes (lines plus CRLFs, dot-stuffing included). */
    long multiline(String line) throws IOException {
        command(line);
        long bytes = 0;
        String l;
        while (!(l = conn.readLine()).equals(".")) {
            bytes += l.length() + 2;
        }
        return bytes;
    }

    private static String expectOk(String reply) throws IOException {
        if (!reply.startsWith("+OK")) {
            throw new IOException("POP3 error: " + reply);
        }
        return reply;
    }

    @Override
    public void close() {
        conn.close();
    }
}
