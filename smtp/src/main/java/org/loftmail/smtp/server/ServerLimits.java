package org.loftmail.smtp.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The limits of a server's mail transactions: where message data is spooled, the largest message (0: no limit,
 * offered as SIZE), the most recipients per transaction, and the longest line (bytes, without CRLF).
 */
public record ServerLimits(Path tempDir, long maxMessageSize, int maxRecipients, int maxLineLength) {

    public ServerLimits {
        Objects.requireNonNull(tempDir, "tempDir");
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("negative message size limit");
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be positive");
        }
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive");
        }
    }
}
