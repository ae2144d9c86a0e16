package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-disk memory of vacation replies (per sender and handle, RFC 5230 section 4.2) and of the duplicate test
 * (RFC 7352): one small file in the user's home, {@code .loft.sieve-seen}, one line per SHA-256 of the id with the
 * time it expires. Written to a temporary file and renamed, so a crash leaves the old or the new file; expired
 * lines are dropped on each write. Deliveries of one user in this process are serialised on the file.
 */
public final class SeenRecords {

    static final String FILE = ".loft.sieve-seen";
    static final int MAX_ENTRIES = 10_000;
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    public SeenRecords(Path home) {
        this.file = home.resolve(FILE);
    }

    /** True when {@code id} was recorded and has not expired; otherwise records it for {@code seconds}. */
    public boolean checkAndRecord(String id, long seconds, long nowSeconds) throws IOException {
        String key = hash(id);
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            Map<String, Long> entries = read(nowSeconds);
            Long expires = entries.get(key);
            if (expires != null && expires > nowSeconds) return true;
            entries.put(key, nowSeconds + seconds);
            while (entries.size() > MAX_ENTRIES) entries.remove(entries.keySet().iterator().next());
            write(entries);
            return false;
        }
    }

    /** True when {@code id} was recorded and has not expired; records nothing. */
    public boolean seen(String id, long nowSeconds) throws IOException {
        String key = hash(id);
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            Long expires = read(nowSeconds).get(key);
            return expires != null && expires > nowSeconds;
        }
    }

    /** Records {@code id} for {@code seconds} (after the reply or forward it stands for went out). */
    public void record(String id, long seconds, long nowSeconds) throws IOException {
        String key = hash(id);
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            Map<String, Long> entries = read(nowSeconds);
            entries.put(key, nowSeconds + seconds);
            while (entries.size() > MAX_ENTRIES) entries.remove(entries.keySet().iterator().next());
            write(entries);
        }
    }

    /** A callback for the delivery: records {@code id} once the message went out; a failure only logs. */
    public Runnable recordLater(String id, long seconds, long nowSeconds) {
        return () -> {
            try {
                record(id, seconds, nowSeconds);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private Map<String, Long> read(long now) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            if (f.length != 2) continue;
            try {
                long exp = Long.parseLong(f[1]);
                if (exp > now) out.put(f[0], exp);
            } catch (NumberFormatException e) {
                // a damaged line is forgotten
            }
        }
        return out;
    }

    private void write(Map<String, Long> entries) throws IOException {
        StringBuilder b = new StringBuilder();
        entries.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.writeString(tmp, b, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
