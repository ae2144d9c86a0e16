package org.loftmail.imap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.loftmail.server.MaildirTestBackend;

/**
 * Timing harness, not a test: one message with a base64 attachment of N MiB served by a real ImapTestServer, and
 * BODY.PEEK[2], BINARY.SIZE[2] (first: decoded to measure; then from the index cache) and BINARY.PEEK[2] timed
 * from the client. Run with a small heap to see that sections are streamed:
 * {@code java -Xmx48m -cp <imap test classpath> org.loftmail.imap.BinaryTiming [MiB]}.
 */
public final class BinaryTiming {
    private BinaryTiming() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        Path root = Files.createTempDirectory("binary-timing");
        Path maildir = root.resolve("home/alice/Maildir");
        for (String d : new String[] {"cur", "new", "tmp"}) Files.createDirectories(maildir.resolve(d));
        Path file = maildir.resolve("cur/1700000000.M1P1.bench:2,S");
        Random random = new Random(1);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("From: a@example.org\nSubject: attachment\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
                    + "--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/octet-stream\n"
                    + "Content-Transfer-Encoding: base64\n\n");
            Base64.Encoder enc = Base64.getEncoder();
            byte[] chunk = new byte[57];
            for (long left = (long) mib << 20; left > 0; left -= chunk.length) {
                int n = (int) Math.min(chunk.length, left);
                random.nextBytes(chunk);
                w.write(enc.encodeToString(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n)));
                w.write('\n');
            }
            w.write("--b--\n");
        }
        try (ImapTestServer server = new ImapTestServer(root, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR); Socket s = server.connect()) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            readUntilTagged(in, null);
            run(in, out, "zz1 LOGIN alice secret");
            run(in, out, "zz2 SELECT INBOX");
            for (String item : new String[] {"BODY.PEEK[2]", "BINARY.SIZE[2]", "BINARY.SIZE[2]", "BINARY.PEEK[2]",
                    "BINARY.PEEK[2]", "BINARY.PEEK[2]<1000.1000>"}) {
                long start = System.nanoTime();
                long bytes = run(in, out, "zz9 FETCH 1 (" + item + ")");
                System.out.printf("%-26s %8.1f ms  %,d bytes%n", item, (System.nanoTime() - start) / 1e6, bytes);
            }
            run(in, out, "zz3 LOGOUT");
        } finally {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static long run(InputStream in, OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntilTagged(in, line.substring(0, line.indexOf(' ')));
    }

    /** Reads until a line starts with "tag " (or the greeting when tag is null); returns the bytes read. */
    private static long readUntilTagged(InputStream in, String tag) throws Exception {
        byte[] prefix = tag == null ? null : (tag + " ").getBytes(StandardCharsets.US_ASCII);
        long bytes = 0;
        byte[] pending = new byte[64];
        int pl = 0;
        while (true) {
            int b = in.read();
            if (b < 0) throw new IllegalStateException("connection closed");
            bytes++;
            if (pl < pending.length) pending[pl] = (byte) b;
            pl++;
            if (b == '\n') {
                if (prefix == null) return bytes;
                boolean match = pl >= prefix.length;
                for (int i = 0; match && i < prefix.length; i++) match = pending[i] == prefix[i];
                if (match) return bytes;
                pl = 0;
            }
        }
    }
}
