package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.socket.AdminProtocol;

/**
 * {@code adm} as ./loft runs it: finding the configuration of the running server, the admin socket, and the same
 * commands working directly on the storage when no server runs.
 */
class AdminCommandsTest {

    @TempDir
    Path dir;

    @Test
    void withoutMinusCTheRunningServersConfigurationIsReadAndAfterItStopsTheTriedFilesAreNamed() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        try (LoftServer server = LoftServer.start(site.config)) {
            assertThat(site.baseDir.resolve(ConfigLocator.RECORD)).exists();
            assertThat(site.baseDir.resolve(AdminProtocol.SOCKET_NAME)).exists();
            AdminFixture.Run run = site.adm("config", "-n");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("base_dir = " + site.baseDir);
        }
        assertThat(site.baseDir.resolve(ConfigLocator.RECORD)).doesNotExist();
        assertThat(site.baseDir.resolve(AdminProtocol.SOCKET_NAME)).doesNotExist();
        AdminFixture.Run run = site.adm("config", "-n");
        assertThat(run.exit()).isEqualTo(78);
        assertThat(run.err()).contains("no-such-default.conf does not exist")
                .contains(site.baseDir.resolve(ConfigLocator.RECORD).toString()).contains("-c FILE");
    }

    @Test
    void theDemoRecordsItsConfigurationSoAdmConfigWorksRightAfterStartingIt(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(DemoTest.freePort(), DemoTest.freePort(), DemoTest.freePort(),
                DemoTest.freePort(), DemoTest.freePort(), DemoTest.freePort(), DemoTest.freePort());
        Path var = home.resolve("var");
        Demo.prepare(var, ports);
        try (LoftServer server = LoftServer.start(var.resolve("demo.conf"))) {
            // what ./loft adm uses: LOFT_HOME=<checkout>, so var/run is where the demo's record is
            ConfigLocator locator = new ConfigLocator(java.util.List.of(var.resolve("run"), Path.of("/run/loft")),
                    home.resolve("etc/loft/loft.conf"));
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int exit = Admin.run(new String[] {"config", "-n"}, java.io.InputStream.nullInputStream(),
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), locator);
            assertThat(err.toString()).isEmpty();
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("mail_location = maildir:" + var.resolve("mail") + "/%n/Maildir");
        }
    }

    @Test
    void unknownCommandsAreNamedInOneLineWithExit64() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        AdminFixture.Run run = site.adm("frob");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).isEqualTo("adm: Unknown command 'frob'\n");
        run = site.adm("mailbox", "frob", "-u", "jsmith");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).isEqualTo("adm: Unknown command 'mailbox frob'\n");
        run = site.adm("director", "status");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).isEqualTo("adm: 'director' is a doveadm command Loft does not have\n");
        run = site.adm("mailbox", "lst");
        assertThat(run.err()).doesNotContain("Did you mean").doesNotContain("at org.");
        run = site.admC("mailbox", "list", "-u", "jsmith", "--frob");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).startsWith("adm mailbox list: Unknown option: '--frob'").doesNotContain("at picocli");
        run = site.admC("mailbox", "list");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).contains("no user given");
    }

    @Test
    void theGuidesWorkflowWithoutAServerWorksOnTheStorageDirectly() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        guideWorkflow(site, "jsmith");
        AdminFixture.Run run = site.admC("mailbox", "list", "-u", "nobody");
        assertThat(run.exit()).isEqualTo(67);
        assertThat(run.err()).isEqualTo("doveadm(nobody): Error: User doesn't exist\n");
        run = site.admC("reload");
        assertThat(run.exit()).isEqualTo(75);
        assertThat(run.err()).contains("no running server");
    }

    @Test
    void theGuidesWorkflowWithAServerRunsInsideItOverTheAdminSocket() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        try (LoftServer server = LoftServer.start(site.config)) {
            guideWorkflow(site, "alice");
            // only the server answers reload: the commands went over its socket
            AdminFixture.Run run = site.adm("reload");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            // the socket can be named, and a wrong one is an error, not a silent direct run
            run = site.adm("mailbox", "list", "-u", "alice", "-S", server.adminSocket().toString());
            assertThat(run.out()).isEqualTo("INBOX\nSpam\n");
            run = site.adm("mailbox", "list", "-u", "alice", "-S", dir.resolve("nothing-here").toString());
            assertThat(run.exit()).isEqualTo(75);
            assertThat(run.err()).contains("can't connect to");
            run = site.adm("mailbox", "list", "-u", "nobody");
            assertThat(run.exit()).isEqualTo(67);
            assertThat(run.err()).isEqualTo("doveadm(nobody): Error: User doesn't exist\n");
            // a stopped server's socket is gone; stop goes over it
            Path socket = server.adminSocket();
            run = site.adm("stop");
            assertThat(run.exit()).isZero();
            for (int i = 0; i < 100 && Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            assertThat(socket).doesNotExist();
        }
    }

    @Test
    void minusOOverridesASettingForOneCommandAndRunsItDirectly() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        String other = "maildir:" + dir.resolve("elsewhere/%n");
        try (LoftServer server = LoftServer.start(site.config)) {
            AdminFixture.Run run = site.adm("-o", "mail_location=" + other, "mailbox", "create", "-u", "jsmith", "Elsewhere");
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(dir.resolve("elsewhere/jsmith/.Elsewhere")).isDirectory();
            assertThat(site.adm("mailbox", "list", "-u", "jsmith").out()).isEqualTo("INBOX\n");
            assertThat(site.adm("-o", "mail_location=" + other, "mailbox", "list", "-u", "jsmith").out())
                    .isEqualTo("INBOX\nElsewhere\n");
        }
        AdminFixture.Run run = site.admC("-o", "plugin/sieve=file:~/other-sieve", "-o", "first_valid_uid=7", "config", "-n");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("first_valid_uid = 7").contains("sieve = file:~/other-sieve");
        run = site.admC("-o", "no_such_setting=1", "config", "-n");
        assertThat(run.exit()).isEqualTo(78);
        assertThat(run.err()).contains("no_such_setting");
        run = site.admC("-o", "novalue", "config", "-n");
        assertThat(run.exit()).isEqualTo(78);
        assertThat(run.err()).contains("-o needs KEY=VALUE");
    }

    private static void guideWorkflow(AdminFixture site, String user) {
        AdminFixture.Run run = site.admC("mailbox", "list", "-u", user);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("INBOX\n");
        run = site.admC("mailbox", "create", "-u", user, "Spam");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        run = site.admC("mailbox", "list", "-u", user);
        assertThat(run.out()).isEqualTo("INBOX\nSpam\n");
        assertThat(Files.isDirectory(site.maildir(user).resolve(".Spam"))).isTrue();
        run = site.admC("mailbox", "create", "-u", user, "Spam");
        assertThat(run.exit()).isEqualTo(65);
        assertThat(run.err()).isEqualTo("doveadm(" + user + "): Error: Can't create mailbox Spam: Mailbox already exists\n");
    }
}
