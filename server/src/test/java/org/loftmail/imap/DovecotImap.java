package org.loftmail.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Dovecot 2.3 imap process as a reference peer, unpacked by {@code scripts/fetch-dovecot-binaries}: run
 * preauthenticated on stdin/stdout over a Maildir, reading no configuration ({@code -O}), as an unprivileged user
 * when the tests run as root (Dovecot refuses to serve mail as root).
 */
final class DovecotImap {

    static final Path ROOT = repositoryRoot().resolve(".cache/reference/dovecot-2.3-bin");
    private static final int NOBODY = 65534;

    private DovecotImap() {}

    static boolean available() {
        return Files.isExecutable(ROOT.resolve("usr/lib/dovecot/imap"));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("mvnw")) ? dir : dir.getParent();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs one session: sends {@code commands} (CRLF-terminated lines, the last one LOGOUT) and returns every line
     * Dovecot wrote. {@code home} holds the Maildir at {@code home/Maildir}; {@code runDir} is Dovecot's base_dir.
     */
    static List<String> session(Path home, Path runDir, String commands) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        if (root()) chown(String.valueOf(NOBODY), home, runDir);
        List<String> cmd = new ArrayList<>();
        if (root()) cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        cmd.addAll(List.of("env", "USER=" + (root() ? "nobody" : System.getProperty("user.name")), "HOME=" + home,
                "LD_LIBRARY_PATH=" + ROOT.resolve("usr/lib/dovecot"),
                ROOT.resolve("usr/lib/dovecot/imap").toString(), "-O",
                "-o", "mail_location=maildir:" + home.resolve("Maildir"), "-o", "base_dir=" + runDir,
                "-o", "log_path=/dev/null"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(commands.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("Dovecot's imap did not finish:\n" + out);
        }
        if (root()) chown("0", home, runDir); // back to the test's own user, whom Loft serves here
        return List.of(out.split("\r\n"));
    }

    private static void chown(String owner, Path... paths) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chown", "-R", owner + ":" + owner));
        for (Path p : paths) cmd.add(p.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IOException("chown failed: " + cmd);
    }

    /** The value of the last {@code [NAME value]} response code in {@code lines}. */
    static long lastCode(List<String> lines, String name) {
        long value = -1;
        for (String l : lines) {
            int i = l.indexOf("[" + name + " ");
            if (i < 0) continue;
            int from = i + name.length() + 2;
            value = Long.parseLong(l.substring(from, l.indexOf(']', from)));
        }
        if (value < 0) throw new IllegalStateException("no [" + name + "] in " + lines);
        return value;
    }
}
