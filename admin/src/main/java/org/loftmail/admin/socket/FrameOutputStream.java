package org.loftmail.admin.socket;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output or error of a command run in the server, sent to the client as frames of one kind. */
final class FrameOutputStream extends OutputStream {
    private final OutputStream socket;
    private final char kind;
    private final byte[] buffer = new byte[8192];
    private int used;

    FrameOutputStream(OutputStream socket, char kind) {
        this.socket = socket;
        this.kind = kind;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (used > 0) {
            synchronized (socket) {
                AdminProtocol.writeFrame(socket, kind, buffer, 0, used);
                socket.flush();
            }
            used = 0;
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
