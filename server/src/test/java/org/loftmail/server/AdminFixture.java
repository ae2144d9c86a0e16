package org.loftmail.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loftmail.admin.ConfigLocator;

/**
 * A temporary site for the admin command tests: a configuration with a passwd-file userdb (jsmith, alice), Maildir
 * under the directory, an IMAP listener on a free port, and {@code adm} run as {@code ./loft adm} runs it.
 */
final class AdminFixture {

    record Run(int exit, String out, String err) {}

    final Path dir;
    final Path config;
    final Path baseDir;
    final int imapPort;
    final int pop3Port;
    final int sievePort;

    AdminFixture(Path dir) throws IOException {
        this.dir = dir;
        this.baseDir = dir.resolve("run");
        this.config = dir.resolve("loft.conf");
        this.imapPort = freePort();
        this.pop3Port = freePort();
        this.sievePort = freePort();
        Files.createDirectories(baseDir);
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::jsmith:" + dir.resolve("home/jsmith") + "::\n"
                + "alice:{PLAIN}secret:::alice:" + dir.resolve("home/alice") + "::\n");
        Files.writeString(config, """
                protocols = imap pop3 sieve
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                disable_plaintext_auth = no
                log_path = %1$s/loft.log
                mail_location = maildir:%1$s/home/%%n/Maildir
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                namespace inbox {
                  inbox = yes
                  separator = /
                }
                plugin {
                  sieve = file:~/sieve;active=~/.dovecot.sieve
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %3$d
                  }
                }
                service managesieve-login {
                  inet_listener sieve {
                    port = %4$d
                  }
                }
                """.formatted(dir, imapPort, pop3Port, sievePort));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Path maildir(String user) {
        return dir.resolve("home").resolve(user).resolve("Maildir");
    }

    ConfigLocator locator() {
        return new ConfigLocator(List.of(baseDir), dir.resolve("no-such-default.conf"));
    }

    /** {@code adm ARGS}, finding the configuration as ./loft adm does (the running server's, else none). */
    Run adm(String... args) {
        return admWithInput(new byte[0], args);
    }

    Run admWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Admin.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), locator());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code adm -c CONFIG ARGS} with a message on standard input. */
    Run admWithInputC(String stdin, String... args) {
        return admWithInput(stdin.getBytes(StandardCharsets.UTF_8), withConfig(args));
    }

    private String[] withConfig(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** {@code adm -c CONFIG ARGS}. */
    Run admC(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return adm(all);
    }
}
