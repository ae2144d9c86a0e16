package org.loftmail.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix as submission's relay MTA: its own configuration, queue and log under a temp dir, smtpd on
 * 127.0.0.1:PORT only, XCLIENT allowed from loopback, mail for example.net relayed into the discard(8) transport
 * (nothing leaves the machine), and an access table that answers chosen recipients with 4xx or 5xx. Needs root and
 * /usr/sbin/postfix (scripts/install-test-deps installs it).
 */
final class PostfixRelay implements AutoCloseable {

    static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    final Path config;
    final Path maillog;
    final int port;
    private boolean started;

    PostfixRelay(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        this.config = dir.resolve("conf");
        this.maillog = dir.resolve("maillog");
        this.port = port;
        Path queue = dir.resolve("queue");
        Path data = dir.resolve("data");
        Files.createDirectories(config);
        Files.createDirectories(queue);
        Files.createDirectories(data);
        run("chown", "postfix", data.toString());
        Files.writeString(config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = relay.loft.test",
                "mydomain = loft.test",
                "mydestination =",
                "mynetworks = 127.0.0.0/8",
                "relay_domains = example.net",
                "transport_maps = inline:{ example.net=discard: }",
                "smtpd_authorized_xclient_hosts = 127.0.0.0/8",
                "smtpd_recipient_restrictions = check_recipient_access inline:{"
                        + " {nobody@example.net=550 5.1.1 User unknown} {later@example.net=450 4.2.0 Greylisted} },"
                        + " permit_mynetworks, reject_unauth_destination",
                "alias_maps =",
                "alias_database =",
                "maillog_file = " + maillog,
                "maillog_file_prefixes = " + dir,
                "smtp_dns_support_level = disabled",
                "biff = no",
                ""), StandardCharsets.US_ASCII);
        Files.writeString(config.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup    unix  n - n 60 1 pickup",
                "cleanup   unix  n - n - 0 cleanup",
                "qmgr      unix  n - n 300 1 qmgr",
                "rewrite   unix  - - n - - trivial-rewrite",
                "bounce    unix  - - n - 0 bounce",
                "defer     unix  - - n - 0 bounce",
                "trace     unix  - - n - 0 bounce",
                "verify    unix  - - n - 1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n - - proxymap",
                "showq     unix  n - n - - showq",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                ""), StandardCharsets.US_ASCII);
    }

    void start() throws IOException {
        int code = run(POSTFIX.toString(), "-c", config.toString(), "start");
        if (code != 0) {
            throw new IOException("postfix start failed (" + code + "): " + log());
        }
        started = true;
    }

    String log() throws IOException {
        return Files.exists(maillog) ? Files.readString(maillog, StandardCharsets.UTF_8) : "(no maillog)";
    }

    /** Waits until the maillog has a line containing every one of {@code parts}; returns it. */
    String awaitLogLine(long timeoutSeconds, String... parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (String line : log().split("\n")) {
                if (List.of(parts).stream().allMatch(line::contains)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no maillog line with " + List.of(parts) + " in:\n" + log());
    }

    @Override
    public void close() throws IOException {
        if (started) {
            run(POSTFIX.toString(), "-c", config.toString(), "stop");
            started = false;
        }
    }

    private static int run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
