package org.loftmail.pop3.codec;

import java.io.ByteArrayOutputStream;

/** A Connection that keeps what is written, for codec tests. */
final class RecordingConnection extends RecordingConnectionBase {

    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public void write(byte[] bytes) {
        written.writeBytes(bytes);
    }

    @Override
    public long bytesOut() {
        return written.size();
    }

    String text() {
        return written.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
