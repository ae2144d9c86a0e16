package org.loftmail.testkit.mbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another program appending to an mbox while Loft has it open, as Postfix local(8) and procmail do it: a Python
 * process taking the dot-lock and an exclusive fcntl lock for each message (testkit's {@code mbox-writer.py}).
 * Its messages carry a forged {@code X-UID: 1} and {@code Status: RO}, which a reader must not trust, and body
 * lines starting {@code From } (unquoted, without a date) and {@code >From }.
 */
public final class MboxWriterProcess implements AutoCloseable {

    private final Process process;

    private MboxWriterProcess(Process process) {
        this.process = process;
    }

    /** Starts appending {@code count} messages with Message-IDs {@code <prefix-N@example.org>}. */
    public static MboxWriterProcess start(Path mbox, int count, String prefix, double pauseSeconds, Path scratch) throws IOException {
        Path script = scratch.resolve("mbox-writer.py");
        try (InputStream in = MboxWriterProcess.class.getResourceAsStream("/org/loftmail/testkit/mbox-writer.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(List.of("python3", script.toString(), mbox.toString(), Integer.toString(count), prefix,
                Double.toString(pauseSeconds))).redirectErrorStream(true).start();
        return new MboxWriterProcess(p);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the writer to finish; its output (one line per appended message). */
    public List<String> finish(long timeoutSeconds) throws IOException, InterruptedException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("mbox writer failed: " + out);
        }
        return out.lines().toList();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
