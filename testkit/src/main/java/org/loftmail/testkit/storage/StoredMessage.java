package org.loftmail.testkit.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.storage.CrlfInputStream;

/**
 * A message as the memory backend keeps it: the bytes with line ends stored as LF (as {@code Mailbox.append}
 * promises, so the physical and virtual sizes differ as they do on disk), INTERNALDATE and the flags it arrives
 * with.
 */
record StoredMessage(byte[] content, Instant internalDate, Flags flags) {

    /** Reads a message to its end (without closing the stream), turning CRLF into LF. */
    static byte[] readLf(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        boolean pendingCr = false;
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (pendingCr && b != '\n') out.write('\r'); // a CR not ending a line is content
                pendingCr = b == '\r';
                if (!pendingCr) out.write(b);
            }
        }
        if (pendingCr) out.write('\r');
        return out.toByteArray();
    }

    /** The size with CRLF line ends: one more byte for every LF not preceded by CR. */
    long virtualSize() {
        try {
            return CrlfInputStream.virtualSize(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to read
        }
    }
}
