package org.loftmail.smtp.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * The incoming message while it arrives and while it is delivered: kept in memory up to a threshold, then in a
 * temporary file (deleted on close). Counts every byte offered, and stops storing once a size limit is passed so
 * an over-size message costs no disk. One writer, then any number of readers.
 */
public final class MessageSpool implements AutoCloseable {

    /** Small messages (most mail) never touch the temp directory. */
    public static final int MEMORY_THRESHOLD = 128 * 1024;

    private final Path tempDir;
    private final long maxSize;
    private byte[] memory = new byte[4096];
    private int memoryLength;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean finished;
    private boolean closed;

    /** {@code maxSize} 0 means unlimited. */
    public MessageSpool(Path tempDir, long maxSize) {
        this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
        if (maxSize < 0) {
            throw new IllegalArgumentException("negative size limit");
        }
        this.maxSize = maxSize;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("spool no longer writable");
        }
        size += length;
        if (tooBig()) {
            dropContent();
            return;
        }
        if (file == null && memoryLength + length <= MEMORY_THRESHOLD) {
            if (memoryLength + length > memory.length) {
                memory = Arrays.copyOf(memory, Math.max(memory.length * 2, memoryLength + length));
            }
            System.arraycopy(bytes, offset, memory, memoryLength, length);
            memoryLength += length;
            return;
        }
        if (file == null) {
            Files.createDirectories(tempDir);
            file = Files.createTempFile(tempDir, "loft-spool-", ".msg");
            // buffered: DATA arrives a line at a time, and a write per line cost a system call per 78 bytes
            fileOut = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16);
            fileOut.write(memory, 0, memoryLength);
            memory = null;
            memoryLength = 0;
        }
        fileOut.write(bytes, offset, length);
    }

    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Copies a whole stream in (lda's stdin). */
    public void writeFrom(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            write(buffer, 0, n);
        }
    }

    /** No more input. The spool only needs to be readable from now on. */
    public void finish() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
        finished = true;
    }

    /** Bytes offered so far (also those not stored past the size limit). */
    public long size() {
        return size;
    }

    public boolean tooBig() {
        return maxSize > 0 && size > maxSize;
    }

    /** The message as received; only after {@link #finish()}. */
    public InputStream open() throws IOException {
        if (!finished) {
            throw new IllegalStateException("spool not finished");
        }
        if (tooBig()) {
            throw new IllegalStateException("message over the size limit was not kept");
        }
        return file == null ? new ByteArrayInputStream(memory, 0, memoryLength) : Files.newInputStream(file);
    }

    /** The spool file when the message was large enough to need one (for parsers that map files). */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(finished ? file : null);
    }

    private void dropContent() throws IOException {
        memory = new byte[0];
        memoryLength = 0;
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
        // From here on, write() only counts: file stays null and the in-memory branch is skipped by tooBig().
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next anyway
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless and named loft-spool-*
            }
        }
        memory = null;
    }
}
