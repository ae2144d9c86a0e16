package org.loftmail.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Dovecot 2.3 (installed by scripts/install-test-deps) run privately as the reference for {@code adm}'s
 * output: {@code dovecot -c FILE} with its own base_dir (only the auth service, no protocols), and {@code doveadm -c
 * FILE …} against it. The configuration is an ordinary Dovecot file that Loft reads too, so both look at the same
 * Maildir through the same userdb.
 */
final class DoveadmReference implements AutoCloseable {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path DOVEADM = Path.of("/usr/bin/doveadm");
    /** Dovecot refuses root's mail; the users' files belong to nobody. */
    static final int MAIL_UID = 65534;

    record Run(int exit, String out, String err) {}

    final Path dir;
    final Path config;

    /** Why the reference cannot run here, or null. */
    static String unavailable() {
        if (!Files.isExecutable(DOVECOT) || !Files.isExecutable(DOVEADM)) {
            return "Debian's dovecot-core is not installed (scripts/install-test-deps installs it)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "Dovecot's auth process needs root to start here";
        }
        return null;
    }

    DoveadmReference(Path dir, List<String> users) throws IOException, InterruptedException {
        this.dir = dir;
        this.config = dir.resolve("dovecot.conf");
        Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        StringBuilder passwd = new StringBuilder();
        for (String u : users) {
            Path h = Files.createDirectories(home.resolve(u));
            Files.setAttribute(h, "unix:uid", MAIL_UID);
            Files.setAttribute(h, "unix:gid", MAIL_UID);
            passwd.append(u).append(":{PLAIN}secret:").append(MAIL_UID).append(':').append(MAIL_UID).append("::")
                    .append(h).append("::\n");
        }
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("users"), passwd);
        Files.writeString(config, """
                protocols =
                base_dir = %1$s/run
                ssl = no
                log_path = %1$s/dovecot.log
                mail_location = maildir:~/Maildir
                mail_plugins = quota
                plugin {
                  quota = maildir:User quota
                  quota_rule = *:storage=1M
                }
                namespace inbox {
                  inbox = yes
                  separator = /
                }
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                """.formatted(dir));
        Process p = new ProcessBuilder(DOVECOT.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.start").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dovecot did not start: " + Files.readString(dir.resolve("dovecot.start")));
        }
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("run/auth-userdb")); i++) {
            Thread.sleep(50);
        }
    }

    Path maildir(String user) {
        return dir.resolve("home").resolve(user).resolve("Maildir");
    }

    Run doveadm(String... args) throws IOException, InterruptedException {
        return doveadmWithInput(null, args);
    }

    Run doveadmWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DOVEADM.toString(), "-c", config.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("doveadm " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder(DOVEADM.toString(), "-c", config.toString(), "stop").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        Path pid = dir.resolve("run/master.pid");
        for (int i = 0; i < 100 && Files.exists(pid); i++) {
            Thread.sleep(50);
        }
    }
}
