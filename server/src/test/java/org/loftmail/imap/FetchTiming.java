package org.loftmail.imap;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loftmail.server.MaildirTestBackend;

/**
 * Timing harness, not a test: a Maildir of N small messages served by a real ImapTestServer over loopback, and
 * {@code FETCH 1:* (FLAGS)} timed from the client. Run with
 * {@code java -cp <server test classpath> org.loftmail.imap.FetchTiming [messages] [rounds]}; add
 * {@code -XX:StartFlightRecording=filename=fetch.jfr} to profile.
 */
public final class FetchTiming {
    private FetchTiming() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean delivered = args.length > 2 && args[2].equals("new"); // as LMTP leaves them: in new/, no flags
        Path root = Files.createTempDirectory("fetch-timing");
        Path maildir = root.resolve("home/alice/Maildir");
        for (String d : new String[] {"cur", "new", "tmp"}) Files.createDirectories(maildir.resolve(d));
        long base = 1_700_000_000L;
        for (int i = 0; i < messages; i++) {
            String flags = i % 3 == 0 ? "S" : i % 7 == 0 ? "FS" : "";
            String body = "From: a@example.org\r\nTo: b@example.org\r\nSubject: message " + i + "\r\n\r\nbody " + i + "\r\n";
            String name = delivered ? "new/" + (base + i) + ".M" + i + "P1.bench"
                    : "cur/" + (base + i) + ".M" + i + "P1.bench:2," + flags;
            Files.writeString(maildir.resolve(name), body);
        }
        try (ImapTestServer server = new ImapTestServer(root, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR); Socket s = server.connect()) {
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            readUntilTagged(in, null);
            send(out, "a LOGIN alice secret");
            readUntilTagged(in, "a");
            long t0 = System.nanoTime();
            send(out, "b SELECT INBOX");
            readUntilTagged(in, "b");
            System.out.printf("first SELECT: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            long best = Long.MAX_VALUE;
            long total = 0;
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                send(out, "f" + r + " FETCH 1:* (FLAGS)");
                long bytes = readUntilTagged(in, "f" + r);
                long took = System.nanoTime() - start;
                best = Math.min(best, took);
                if (r >= rounds / 3) total += took;
                if (r < 5) System.out.printf("FETCH #%d: %.1f ms, response bytes: %d%n", r + 1, took / 1e6, bytes);
            }
            int measured = rounds - rounds / 3;
            System.out.printf("FETCH 1:* (FLAGS) over %d messages: best %.1f ms, mean of last %d %.1f ms%n", messages,
                    best / 1e6, measured, total / 1e6 / measured);
            send(out, "z LOGOUT");
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads lines until one starts with "tag " (or the greeting when tag is null); returns bytes read. */
    private static long readUntilTagged(InputStream in, String tag) throws Exception {
        byte[] prefix = tag == null ? null : (tag + " ").getBytes(StandardCharsets.US_ASCII);
        long bytes = 0;
        byte[] pending = new byte[256];
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
