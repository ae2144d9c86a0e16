package org.loftmail.mbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Dovecot 2.3 (dovecot-core, installed by scripts/install-test-deps) run on a private configuration
 * without its daemon: {@code doveadm -c <conf> save|flags|expunge|fetch} as the mail user, on
 * {@code mbox:<dir>/mail:INBOX=<dir>/inbox}. As root Dovecot refuses to touch mail as root, so the directory is
 * given to {@code nobody} and Dovecot runs with {@code mail_uid = nobody}.
 */
final class Doveadm {

    static final Path DOVEADM = Path.of("/usr/bin/doveadm");

    final Path dir;
    final Path conf;
    final Path inbox;
    final Path mail;
    /** Every error and warning Dovecot printed (an mbox it had to repair shows up here). */
    final List<String> complaints = new ArrayList<>();
    private final boolean root = "root".equals(System.getProperty("user.name"));

    Doveadm(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DOVEADM), "Debian's dovecot-core is not installed (scripts/install-test-deps installs it)");
        this.dir = dir;
        this.inbox = dir.resolve("inbox");
        this.mail = dir.resolve("mail");
        this.conf = dir.resolve("dovecot.conf");
        Files.createDirectories(mail);
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("run"));
        String user = root ? "nobody" : System.getProperty("user.name");
        Files.writeString(conf, String.join("\n",
                "base_dir = " + dir.resolve("run"),
                "log_path = " + dir.resolve("dovecot.log"),
                "mail_location = mbox:" + mail + ":INBOX=" + inbox,
                "mail_uid = " + user,
                "mail_gid = " + (root ? "nogroup" : user),
                "first_valid_uid = 0",
                "first_valid_gid = 0",
                "ssl = no",
                "protocols =",
                "pop3_uidl_format = %m",
                "passdb {", "  driver = static", "  args = password=x", "}",
                "userdb {", "  driver = static", "  args = home=" + dir.resolve("home"), "}", ""));
        if (root) run("chown", "-R", "nobody:nogroup", dir.toString());
    }

    /** The files Dovecot wrote are handed back to the test's user (Loft opens them as this process). */
    void takeBack() throws IOException, InterruptedException {
        if (root) run("chown", "-R", "root:root", dir.toString());
    }

    void giveToDovecot() throws IOException, InterruptedException {
        if (root) run("chown", "-R", "nobody:nogroup", dir.toString());
    }

    String doveadm(String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DOVEADM.toString(), "-c", conf.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, input);
    }

    void save(String mailbox, String message) throws IOException, InterruptedException {
        doveadm(message, "save", "-m", mailbox);
    }

    /** {@code doveadm fetch 'uid guid flags' mailbox <box> all}, by UID: [guid, flags]. */
    Map<Long, String[]> fetch(String mailbox) throws IOException, InterruptedException {
        String out = doveadm(null, "fetch", "uid guid flags", "mailbox", mailbox, "all");
        Map<Long, String[]> result = new LinkedHashMap<>();
        long uid = -1;
        String guid = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("uid: ")) uid = Long.parseLong(line.substring(5).trim());
            else if (line.startsWith("guid: ")) guid = line.substring(6).trim();
            else if (line.startsWith("flags:")) result.put(uid, new String[] {guid, line.substring(6).trim()});
        }
        return result;
    }

    /** POP3 UIDLs as Dovecot's own pop3 process lists them ({@code pop3_uidl_format = %m}), by message number. */
    List<String> pop3Uidls() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/dovecot/pop3")), "Debian's dovecot-pop3d is not installed");
        String out = doveadm("UIDL\nQUIT\n", "exec", "pop3");
        List<String> uidls = new ArrayList<>();
        for (String line : out.split("\r?\n")) {
            String[] w = line.split(" ");
            if (w.length == 2 && w[0].matches("\\d+")) uidls.add(w[1]);
        }
        return uidls;
    }

    long uidValidity(String mailbox) throws IOException, InterruptedException {
        String out = doveadm(null, "mailbox", "status", "uidvalidity", mailbox).trim();
        return Long.parseLong(out.substring(out.indexOf('=') + 1).trim());
    }

    private String exec(List<String> cmd, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("USER", "jsmith");
        pb.environment().put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        for (String line : out.split("\n")) {
            if (line.contains("Error:") || line.contains("Warning:") || line.contains("Panic:")) complaints.add(line);
        }
        return out;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
    }
}
