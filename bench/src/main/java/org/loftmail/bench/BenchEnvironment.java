package org.loftmail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.auth.scheme.GenerateOptions;
import org.loftmail.auth.scheme.PasswordSchemes;

/**
 * Everything both servers share: a system user owning the mail, one Dovecot-language configuration file that
 * both load, a passwd-file of SHA512-CRYPT users, and a deterministic data set copied afresh for each server.
 * All under one work directory, removed at the end.
 */
final class BenchEnvironment implements AutoCloseable {

    static final String MAIL_USER = "loftbench";
    static final String PASSWORD = "bench-secret";
    static final int IMAP_PORT = 21143;
    static final int POP3_PORT = 21110;
    static final int LMTP_PORT = 21024;

    final Path work;
    final Path config;
    final Path dataset;
    final Path mail;
    final BenchPlan plan;
    private boolean createdUser;

    BenchEnvironment(Path work, BenchPlan plan) {
        this.work = work;
        this.plan = plan;
        this.config = work.resolve("bench.conf");
        this.dataset = work.resolve("dataset");
        this.mail = work.resolve("mail");
    }

    /** Creates user, configuration and data set; installs Dovecot when {@code withDovecot} and it is missing. */
    void prepare(PrintLog out, boolean withDovecot) throws IOException, InterruptedException {
        if (!System.getProperty("user.name").equals("root")) {
            throw new IOException("the harness runs both servers as root with mail owned by a dedicated user; run it as root");
        }
        if (withDovecot) {
            ensureDovecot(out);
        }
        deleteTree(work);
        Files.createDirectories(work.resolve("run"));
        Files.createDirectories(work.resolve("home"));
        if (run("id", MAIL_USER) != 0) {
            run("useradd", "-M", "-d", work.resolve("home").toString(), "-s", "/usr/sbin/nologin", MAIL_USER);
            createdUser = true;
        }
        writeUsers();
        Files.writeString(config, configText());
        out.line("generating the data set (" + plan.describe() + ")");
        DataSet.generate(dataset, plan);
        run("chown", "-R", MAIL_USER + ":" + MAIL_USER, dataset.toString(), work.resolve("home").toString());
        run("chmod", "0755", work.toString(), work.resolve("run").toString());
    }

    /** A fresh copy of the data set as the mail root (hard links: fast, and the servers only rename files). */
    void freshMail() throws IOException, InterruptedException {
        deleteTree(mail);
        deleteTree(work.resolve("home"));
        Files.createDirectories(work.resolve("home"));
        if (run("cp", "-al", dataset.toString(), mail.toString()) != 0) {
            throw new IOException("cannot copy the data set");
        }
        run("chown", "-R", MAIL_USER + ":" + MAIL_USER, mail.toString(), work.resolve("home").toString());
    }

    private void ensureDovecot(PrintLog out) throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/sbin/dovecot")) && Files.exists(Path.of("/usr/lib/dovecot/lmtp"))
                && Files.exists(Path.of("/usr/lib/dovecot/pop3"))) {
            return;
        }
        out.line("installing Debian's Dovecot (dovecot-imapd dovecot-pop3d dovecot-lmtpd)");
        run("apt-get", "update", "-qq");
        if (run("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "dovecot-imapd",
                "dovecot-pop3d", "dovecot-lmtpd") != 0) {
            throw new IOException("apt-get could not install Dovecot");
        }
        // Debian starts its own system-wide instance after installing; the harness runs its own, so stop that one.
        run("sh", "-c", "service dovecot stop >/dev/null 2>&1 || true");
    }

    private void writeUsers() throws IOException {
        PasswordSchemes schemes = PasswordSchemes.standard();
        StringBuilder sb = new StringBuilder();
        for (String user : plan.allUsers()) {
            String hash = schemes.generate("SHA512-CRYPT", PASSWORD.getBytes(StandardCharsets.UTF_8),
                    GenerateOptions.defaults()).format();
            sb.append(user).append(':').append(hash).append("::::::\n");
        }
        Files.writeString(work.resolve("users"), sb.toString());
    }

    /** The one configuration both servers load, in Dovecot's language, Dovecot in its high-performance mode. */
    String configText() {
        return """
                # Written by Loft's benchmark harness; both Loft and Dovecot load this same file.
                protocols = imap pop3 lmtp
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                auth_username_format = %%Ln
                mail_location = maildir:%1$s/mail/%%n
                mail_uid = %2$s
                mail_gid = %2$s
                log_path = %1$s/server.log
                mail_max_userip_connections = 100000
                default_client_limit = 20000
                default_process_limit = 20000
                default_vsz_limit = 0

                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = static
                  args = uid=%2$s gid=%2$s home=%1$s/home/%%n
                }

                service imap-login {
                  inet_listener imap {
                    port = %3$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                  service_count = 0
                  process_min_avail = 2
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %4$d
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                  service_count = 0
                  process_min_avail = 2
                }
                service imap {
                  process_limit = 20000
                }
                service pop3 {
                  process_limit = 20000
                }
                service lmtp {
                  inet_listener lmtp {
                    port = %5$d
                  }
                }
                """.formatted(work, MAIL_USER, IMAP_PORT, POP3_PORT, LMTP_PORT);
    }

    static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    static void deleteTree(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            run("rm", "-rf", dir.toString());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        deleteTree(work);
        if (createdUser) {
            run("userdel", MAIL_USER);
        }
    }

    /** Progress lines to the operator. */
    interface PrintLog {
        void line(String text);
    }

    static List<String> users(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(String.format("%s%03d", prefix, i));
        }
        return out;
    }
}
