package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an incoming message into tmp/ under a new unique name: CRLF stored as LF (Dovecot's
 * {@code mail_save_crlf = no}), sizes counted on the way, fsynced, mtime set to INTERNALDATE. The result names
 * the base with {@code ,S=<size>,W=<vsize>} as Dovecot does.
 */
final class MessageWriter {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String HOST = escapeHost(Dotlock.HOST);

    record Written(Path tmpFile, MaildirFilename name, long size, long virtualSize) {}

    private MessageWriter() {}

    /** A new unique base name without sizes: {@code <sec>.M<usec>P<pid>Q<n>.<host>}. */
    static String uniqueBase() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + ProcessHandle.current().pid()
                + "Q" + COUNTER.incrementAndGet() + "." + HOST;
    }

    static Written write(InputStream in, Path tmpDir, Instant internalDate, FileCreator creator) throws IOException {
        String unique = uniqueBase();
        Path tmp = tmpDir.resolve(unique);
        long size = 0;
        long vsize = 0;
        boolean ok = false;
        try {
            try (OutputStream out = creator.newFile(tmp)) {
                // converted into a buffer of our own and written a block at a time (a write per byte through a
                // BufferedOutputStream cost more than the fsync for big messages)
                byte[] buf = new byte[1 << 16];
                byte[] outBuf = new byte[(1 << 16) + 1];
                boolean pendingCr = false;
                int prevWritten = -1;
                int n;
                while ((n = in.read(buf)) > 0) {
                    int o = 0;
                    for (int i = 0; i < n; i++) {
                        int b = buf[i] & 0xff;
                        if (pendingCr) {
                            pendingCr = false;
                            if (b != '\n') {
                                outBuf[o++] = '\r';
                                vsize++;
                                prevWritten = '\r';
                            }
                        }
                        if (b == '\r') {
                            pendingCr = true;
                            continue;
                        }
                        outBuf[o++] = (byte) b;
                        vsize += (b == '\n' && prevWritten != '\r') ? 2 : 1;
                        prevWritten = b;
                    }
                    out.write(outBuf, 0, o);
                    size += o;
                }
                if (pendingCr) {
                    out.write('\r');
                    size++;
                    vsize++;
                }
            }
            Files.setLastModifiedTime(tmp, FileTime.from(internalDate));
            ok = true;
        } finally {
            if (!ok) Files.deleteIfExists(tmp);
        }
        MaildirFilename name = new MaildirFilename(unique + ",S=" + size + ",W=" + vsize, "");
        Path named = tmpDir.resolve(name.base());
        Files.move(tmp, named, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Written(named, name, size, vsize);
    }

    /** Dovecot escapes '/' and ':' in the host part as \057 and \072. */
    static String escapeHost(String host) {
        return host.replace("/", "\\057").replace(":", "\\072");
    }
}
