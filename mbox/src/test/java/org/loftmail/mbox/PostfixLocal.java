package org.loftmail.mbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (Debian's package) delivering with local(8) into a private mail spool: its own configuration,
 * queue, data directory and log, an SMTP listener on a loopback port, {@code mail_spool_directory} in a temporary
 * directory (sticky and world-writable, as /var/mail is on systems without a mail group) and Debian's default
 * {@code mailbox_delivery_lock} (fcntl, dotlock). Needs root.
 */
final class PostfixLocal implements AutoCloseable {

    static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    final Path conf;
    final Path log;
    final Path spool;
    final int port;

    PostfixLocal(Path base) throws IOException, InterruptedException {
        this.conf = base.resolve("conf");
        this.log = base.resolve("postfix.log");
        this.spool = base.resolve("spool");
        Path queue = base.resolve("queue");
        Path data = base.resolve("data");
        for (Path p : new Path[] {conf, queue, data, spool}) Files.createDirectories(p);
        for (Path p : new Path[] {base, conf, queue}) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "1777", spool.toString()).start().waitFor();
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
                "mydestination = loft-test.localdomain",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "maillog_file = " + log,
                "maillog_file_prefixes = " + base,
                "alias_maps =",
                "alias_database =",
                "mail_spool_directory = " + spool,
                "mailbox_command =",
                "home_mailbox =",
                "biff = no",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
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
                "local unix - n n - - local",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));
        run("start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw new IOException("postfix did not listen; log:\n" + logText());
                Thread.sleep(100);
            }
        }
    }

    /** Sends one message over SMTP to {@code user@loft-test.localdomain}. */
    void send(String user, String message) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            out.write("HELO test\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
            out.write("MAIL FROM:<alice@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
            out.write(("RCPT TO:<" + user + "@loft-test.localdomain>\r\n").getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
            out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(in, "354");
            out.write((message.replace("\n", "\r\n") + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
        }
    }

    private void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) throw new IOException("postfix said " + line + "; log:\n" + logText());
        } while (line.charAt(3) == '-');
    }

    /** Waits until the log shows {@code count} local deliveries. */
    void awaitDelivered(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (logText().split("relay=local.*status=sent", -1).length - 1 < count) {
            if (System.nanoTime() > deadline) throw new IOException("only some deliveries were made; log:\n" + logText());
            Thread.sleep(100);
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(POSTFIX.toString(), "-c", conf.toString(), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("postfix " + command + " failed: " + out + "\n" + logText());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop");
    }
}
