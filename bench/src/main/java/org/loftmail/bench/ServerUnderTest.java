package org.loftmail.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A mail server started from the shared configuration file: Loft, or Debian's Dovecot. */
final class ServerUnderTest implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    private ServerUnderTest(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    static ServerUnderTest loft(Path repo, Path config, Path log, String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = repo.resolve("server/target/classes") + ":" + repo.resolve("server/target/lib") + "/*";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap,
                "--enable-native-access=ALL-UNNAMED"));
        // LOFT_BENCH_JAVA_OPTS adds JVM options to Loft's command line, e.g. a JFR recording for a profile.
        String extra = System.getenv("LOFT_BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", cp, "org.loftmail.server.Main", "serve", "-c", config.toString()));
        return new ServerUnderTest("Loft", command, log);
    }

    static ServerUnderTest dovecot(Path config, Path log) {
        return new ServerUnderTest("Dovecot", List.of("/usr/sbin/dovecot", "-F", "-c", config.toString()), log);
    }

    String name() {
        return name;
    }

    /** Starts the server with a raised file-descriptor limit and waits until IMAP answers. */
    void start(int imapPort) throws IOException, InterruptedException {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "ulimit -n \"$(ulimit -Hn)\"; exec \"$@\"", "bash"));
        wrapped.addAll(command);
        process = new ProcessBuilder(wrapped).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited at start with code " + process.exitValue() + "; see " + log);
            }
            try (ImapClient probe = new ImapClient(imapPort, 2000)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException(name + " did not answer on IMAP port " + imapPort + " within 120 s; see " + log);
    }

    ProcessTree tree() {
        return new ProcessTree(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: both servers shut down gracefully on it
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        // Dovecot's children may outlive the master for a moment.
        for (int i = 0; i < 50 && process.descendants().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }
    }
}
