package org.loftmail.lmtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix for tests: its own config_directory, queue_directory and data_directory under a temp dir,
 * smtpd on 127.0.0.1:PORT only, no outbound mail, logging to a file. Domains: {@code loft.test} goes to Loft over
 * {@code lmtp:unix:SOCKET}; {@code lda.loft.test} goes through a pipe(8) transport running {@code ldaScript}.
 */
final class PostfixInstance implements AutoCloseable {

    static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    final Path dir;
    final Path config;
    final Path maillog;
    final int smtpPort;
    private boolean started;

    PostfixInstance(Path dir, int smtpPort, Path lmtpSocket, Path ldaScript) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("conf");
        this.maillog = dir.resolve("maillog");
        this.smtpPort = smtpPort;
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
                "myhostname = mta.loft.test",
                "mydomain = loft.test",
                "myorigin = loft.test",
                "mydestination =",
                "mynetworks = 127.0.0.0/8",
                "relay_domains =",
                "virtual_mailbox_domains = loft.test lda.loft.test",
                "virtual_transport = lmtp:unix:" + lmtpSocket,
                "transport_maps = inline:{ lda.loft.test=loftlda: }",
                "loftlda_destination_recipient_limit = 1",
                "smtpd_reject_unlisted_recipient = no",
                "alias_maps =",
                "alias_database =",
                "default_transport = error:outbound mail is off in this test",
                "maillog_file = " + maillog,
                "maillog_file_prefixes = " + dir,
                "smtp_dns_support_level = disabled",
                "biff = no",
                ""), StandardCharsets.US_ASCII);
        Files.writeString(config.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + smtpPort + " inet n - n - - smtpd",
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
                "smtp      unix  - - n - - smtp",
                "showq     unix  n - n - - showq",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "lmtp      unix  - - n - - lmtp",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                "loftlda   unix  - n n - - pipe",
                "  flags=DRhu user=nobody argv=" + ldaScript + " -f ${sender} -d ${user} -a ${recipient} -e",
                ""), StandardCharsets.US_ASCII);
    }

    void start() throws IOException {
        // postfix prints its errors only to a terminal; they also go to the maillog file
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
