package org.loftmail.mbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A message being saved, read to its end before the mbox is locked (a slow client must not hold the lock), with
 * line ends stored as LF. Kept in memory up to {@link #IN_MEMORY} bytes, beyond that in a temporary file. Its
 * header is split off and cleaned of Dovecot's hidden fields: what a sender wrote there is never taken as state.
 */
final class StagedMessage implements AutoCloseable {

    static final int IN_MEMORY = 1 << 20;
    /** A header larger than this is refused (no mail client writes one; it would only be an attack). */
    static final int MAX_HEADER = 8 << 20;

    private final byte[] header; // visible header, without the empty line
    private final Optional<String> returnPath;
    private final byte[] small;
    private final Path spill;
    private final long bodyOffset;
    private final long total;

    private StagedMessage(byte[] header, Optional<String> returnPath, byte[] small, Path spill, long bodyOffset, long total) {
        this.header = header;
        this.returnPath = returnPath;
        this.small = small;
        this.spill = spill;
        this.bodyOffset = bodyOffset;
        this.total = total;
    }

    static StagedMessage read(InputStream in, Path tempDir) throws IOException {
        ByteArrayOutputStream mem = new ByteArrayOutputStream();
        OutputStream out = mem;
        Path spill = null;
        long total = 0;
        long bodyOffset = -1;
        int lineLen = 0;
        byte[] buf = new byte[65536];
        boolean pendingCr = false;
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (pendingCr && b != '\n') {
                        total = emit(out, (byte) '\r', total);
                        if (bodyOffset < 0) headerBytes.write('\r');
                        lineLen++;
                    }
                    pendingCr = b == '\r';
                    if (pendingCr) continue;
                    total = emit(out, b, total);
                    if (bodyOffset < 0) {
                        headerBytes.write(b);
                        if (headerBytes.size() > MAX_HEADER) throw new IOException("message header larger than " + MAX_HEADER + " bytes");
                        if (b == '\n') {
                            if (lineLen == 0) bodyOffset = total;
                            lineLen = 0;
                        } else {
                            lineLen++;
                        }
                    }
                }
                if (spill == null && total > IN_MEMORY) {
                    spill = Files.createTempFile(tempDir, "loft-mbox-save", ".tmp");
                    OutputStream f = Files.newOutputStream(spill, StandardOpenOption.WRITE);
                    mem.writeTo(f);
                    out = f;
                }
            }
            if (pendingCr) {
                total = emit(out, (byte) '\r', total);
                if (bodyOffset < 0) headerBytes.write('\r');
            }
            if (out != mem) out.close();
        } catch (IOException | RuntimeException e) {
            if (out != mem) out.close();
            if (spill != null) Files.deleteIfExists(spill);
            throw e;
        }
        byte[] raw = headerBytes.toByteArray();
        if (bodyOffset < 0) bodyOffset = total; // no empty line: all header, no body
        byte[] visible = HeaderFilter.visible(raw, raw.length, false);
        if (visible.length > 0 && visible[visible.length - 1] != '\n') {
            visible = java.util.Arrays.copyOf(visible, visible.length + 1);
            visible[visible.length - 1] = '\n';
        }
        return new StagedMessage(visible, returnPath(raw), spill == null ? mem.toByteArray() : null, spill, bodyOffset, total);
    }

    private static long emit(OutputStream out, byte b, long total) throws IOException {
        out.write(b);
        return total + 1;
    }

    private static Optional<String> returnPath(byte[] header) {
        String h = new String(header, StandardCharsets.ISO_8859_1);
        for (String line : h.split("\n")) {
            if (line.regionMatches(true, 0, "Return-Path:", 0, 12)) return Optional.of(line.substring(12).trim());
        }
        return Optional.empty();
    }

    byte[] visibleHeader() {
        return header;
    }

    Optional<String> returnPath() {
        return returnPath;
    }

    long bodyLength() {
        return total - bodyOffset;
    }

    boolean bodyEndsWithLf() throws IOException {
        if (bodyLength() == 0) return true;
        if (small != null) return small[(int) total - 1] == '\n';
        try (FileChannel c = FileChannel.open(spill)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, total - 1);
            return b.get(0) == '\n';
        }
    }

    /** Writes the body at {@code pos} of {@code to}; returns the position after it. */
    long writeBody(FileChannel to, long pos) throws IOException {
        if (small != null) {
            ByteBuffer b = ByteBuffer.wrap(small, (int) bodyOffset, (int) (total - bodyOffset));
            while (b.hasRemaining()) pos += to.write(b, pos);
            return pos;
        }
        try (FileChannel c = FileChannel.open(spill)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            long from = bodyOffset;
            while (from < total) {
                b.clear();
                int n = c.read(b, from);
                if (n <= 0) throw new IOException("staged message ended early");
                b.flip();
                while (b.hasRemaining()) pos += to.write(b, pos);
                from += n;
            }
            return pos;
        }
    }

    @Override
    public void close() {
        if (spill != null) {
            try {
                Files.deleteIfExists(spill);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }
}
