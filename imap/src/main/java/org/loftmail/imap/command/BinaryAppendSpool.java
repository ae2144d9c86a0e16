package org.loftmail.imap.command;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.loftmail.core.mime.BinaryPartEncoder;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.Mailbox;

/**
 * A message sent as a literal8 (RFC 3516 section 4.4). Its parts declared binary must be found before it can be
 * stored (as base64, see {@link BinaryPartEncoder}), so it is written to a private temporary file as it arrives,
 * never held in memory, then parsed and saved. APPENDLIMIT and the quota were checked on the announced size.
 */
final class BinaryAppendSpool implements AutoCloseable {

    private final AppendRequest request;
    private final Path file;
    private final OutputStream out;

    private BinaryAppendSpool(AppendRequest request, Path file, OutputStream out) {
        this.request = request;
        this.file = file;
        this.out = out;
    }

    static BinaryAppendSpool create(AppendRequest request) throws IOException {
        Path file = Files.createTempFile("loft-append", ".eml"); // owner-only on POSIX
        try {
            return new BinaryAppendSpool(request, file, Files.newOutputStream(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    void write(byte[] chunk) throws IOException {
        out.write(chunk);
    }

    /** Saves the complete message into {@code target}, re-encoded where needed; the file is removed either way. */
    AppendResult save(Mailbox target) throws IOException {
        try {
            out.close();
            MessageSummary summary = MessageSummary.of(MimeParser.parse(file).root());
            Optional<InputStream> encoded = BinaryPartEncoder.encode(summary,
                    () -> new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            try (InputStream in = encoded.isPresent() ? encoded.get() : new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return target.append(in, request);
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the file goes anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left in the temporary directory, which the system cleans
        }
    }
}
