package org.loftmail.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.loftmail.transport.SelfSignedCertificates;

/**
 * {@code ./loft} with no arguments: a server on unprivileged loopback ports with everything under ./var — a
 * self-signed certificate made on first start, a demo user whose password is printed, Maildir storage — so it
 * runs as an ordinary user without touching /etc or /var. The generated var/demo.conf is an ordinary Dovecot-
 * language file: edit it, or copy it as a start for a real configuration.
 */
final class Demo {

    static final String USER = "demo";

    /** The demo's loopback ports. */
    record Ports(int imap, int imaps, int pop3, int pop3s, int lmtp, int submission, int submissions, int sieve) {
        static final Ports DEFAULT = new Ports(1143, 1993, 1110, 1995, 2424, 1587, 1465, 14190);

        /** Without a ManageSieve port: port 0, any free one. */
        Ports(int imap, int imaps, int pop3, int pop3s, int lmtp, int submission, int submissions) {
            this(imap, imaps, pop3, pop3s, lmtp, submission, submissions, 0);
        }
    }

    private Demo() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                home = Path.of(args[++i]);
            } else {
                err.println("loft: unknown demo argument '" + args[i] + "'");
                return 64;
            }
        }
        Path var = home.toAbsolutePath().normalize().resolve("var");
        String password;
        Path config;
        try {
            password = prepare(var, Ports.DEFAULT);
            config = var.resolve("demo.conf");
        } catch (IOException e) {
            err.println("loft: cannot prepare the demo under " + var + ": " + e.getMessage());
            return 73;
        }
        return LoftServer.runUntilStopped(config, err, server -> printHowToConnect(server, var, password, out));
    }

    /** Creates var/ on first start; returns the demo user's password. */
    static String prepare(Path var, Ports ports) throws IOException {
        Files.createDirectories(var.resolve("run"));
        Files.createDirectories(var.resolve("mail"));
        Files.createDirectories(var.resolve("log"));
        Path passwordFile = var.resolve("demo-password");
        String password;
        if (Files.exists(passwordFile)) {
            password = Files.readString(passwordFile).strip();
        } else {
            password = randomPassword();
            writePrivate(passwordFile, password + "\n");
        }
        writePrivate(var.resolve("users"),
                USER + ":" + DemoPasswords.hash(password) + ":::Loft demo:" + var.resolve("mail").resolve(USER) + "::\n");
        String host = hostName();
        SelfSignedCertificates.ensure(var.resolve("ssl/cert.pem"), var.resolve("ssl/key.pem"), host);
        Path config = var.resolve("demo.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, demoConfig(var, ports));
        } else if (!Files.readString(config).contains("log_path")) {
            // Written before log_path defaulted to syslog (Dovecot's default): the demo keeps logging to the console.
            Files.writeString(config, "\n" + DEMO_LOG_PATH, java.nio.file.StandardOpenOption.APPEND);
        }
        return password;
    }

    /** The demo logs to its console; a Dovecot configuration without log_path logs to syslog, as Dovecot does. */
    static final String DEMO_LOG_PATH = "log_path = /dev/stderr\n";

    static String demoConfig(Path var, Ports ports) {
        return """
                # Loft demo configuration, written by ./loft on first start. Dovecot's language: edit freely,
                # delete this file to get the original back.
                protocols = imap pop3 lmtp submission sieve
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = yes
                ssl_cert = <%1$s/ssl/cert.pem
                ssl_key = <%1$s/ssl/key.pem
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                auth_username_format = %%Ln
                # no submission_relay_host: submission delivers to this server's own users only
                mail_location = maildir:%1$s/mail/%%n/Maildir
                %7$s
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
                  mailbox Drafts {
                    special_use = \\Drafts
                    auto = subscribe
                  }
                  mailbox Sent {
                    special_use = \\Sent
                    auto = subscribe
                  }
                  mailbox Trash {
                    special_use = \\Trash
                    auto = subscribe
                  }
                  mailbox Junk {
                    special_use = \\Junk
                    auto = subscribe
                  }
                }

                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = %3$d
                    ssl = yes
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %4$d
                  }
                  inet_listener pop3s {
                    port = %5$d
                    ssl = yes
                  }
                }
                service submission-login {
                  inet_listener submission {
                    port = %8$d
                  }
                  inet_listener submissions {
                    port = %9$d
                    ssl = yes
                  }
                }
                service managesieve-login {
                  inet_listener sieve {
                    port = %10$d
                  }
                }
                service lmtp {
                  unix_listener lmtp {
                    mode = 0600
                  }
                  inet_listener lmtp {
                    port = %6$d
                  }
                }
                service auth {
                  unix_listener auth-client {
                    mode = 0600
                  }
                  unix_listener auth-userdb {
                    mode = 0600
                  }
                }
                """.formatted(var, ports.imap(), ports.imaps(), ports.pop3(), ports.pop3s(), ports.lmtp(), DEMO_LOG_PATH,
                ports.submission(), ports.submissions(), ports.sieve());
    }

    private static void printHowToConnect(LoftServer server, Path var, String password, PrintStream out) {
        out.println();
        out.println("Loft demo is running. Log in as user '" + USER + "' with password '" + password + "'.");
        for (String line : server.describeListeners()) {
            out.println("  " + line);
        }
        out.println("Configuration: " + var.resolve("demo.conf") + "   Mail: " + var.resolve("mail"));
        out.println("Try:  curl -k --url imaps://127.0.0.1:" + server.port("imap-login", "imaps") + "/INBOX -u "
                + USER + ":" + password);
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    private static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
