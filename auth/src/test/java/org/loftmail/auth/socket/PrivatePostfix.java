package org.loftmail.auth.socket;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (Debian's package) on a loopback port, configured from a private directory:
 * its own config, queue and data directories and log file, so it never touches /etc/postfix
 * or a system instance. Needs root (Postfix's master refuses otherwise).
 */
final class PrivatePostfix implements AutoCloseable {
    static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    final Path base;
    final Path conf;
    final Path log;
    final int port;

    PrivatePostfix(Path base, Path saslSocket) throws IOException, InterruptedException {
        this.base = base;
        this.conf = base.resolve("conf");
        this.log = base.resolve("postfix.log");
        Path queue = base.resolve("queue");
        Path data = base.resolve("data");
        Files.createDirectories(conf);
        Files.createDirectories(queue);
        Files.createDirectories(data);
        for (Path p : new Path[] {base, conf, queue}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setOwner(data, base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(conf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "myhostname = loft-test.localdomain",
                "mydestination =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "maillog_file = " + log,
                "maillog_file_prefixes = " + base,
                "smtpd_sasl_auth_enable = yes",
                "smtpd_sasl_type = dovecot",
                // Absolute: a relative path would be relative to queue_directory.
                "smtpd_sasl_path = " + saslSocket,
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject",
                "smtpd_tls_security_level = none",
                "smtputf8_enable = no",
                ""));
        Files.writeString(conf.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "proxymap unix - - n - - proxymap",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "error unix - - n - - error",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));
        run("start");
        waitForBanner();
    }

    private void waitForBanner() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("postfix did not listen on " + port + "; log:\n" + logText());
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(POSTFIX.toString(), "-c", conf.toString(), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("postfix " + command + " failed: " + out + "\n" + logText());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop");
    }
}
