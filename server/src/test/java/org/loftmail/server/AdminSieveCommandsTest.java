package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** adm sieve on the script storage ManageSieve uses, with and without a running server. */
class AdminSieveCommandsTest {

    @TempDir
    Path dir;

    static final String GOOD = "require \"fileinto\";\nif header :contains \"subject\" \"spam\" { fileinto \"Spam\"; }\n";
    static final String BAD = "require \"fileinto\";\nfileinto;\n";

    @ParameterizedTest(name = "server running: {0}")
    @ValueSource(booleans = {false, true})
    void putListGetActivateRenameDeleteAndCheck(boolean serverRunning) throws Exception {
        AdminFixture site = new AdminFixture(dir);
        LoftServer server = serverRunning ? LoftServer.start(site.config) : null;
        try {
            ok(site.admWithInputC(GOOD, "sieve", "put", "-u", "jsmith", "-a", "main"));
            ok(site.admWithInputC(GOOD, "sieve", "put", "-u", "jsmith", "spare"));
            assertThat(ok(site.admC("sieve", "list", "-u", "jsmith")).out()).isEqualTo("main ACTIVE\nspare \n");
            assertThat(ok(site.admC("sieve", "get", "-u", "jsmith", "main")).out()).isEqualTo(GOOD);
            assertThat(ok(site.admC("sieve", "get", "-u", "jsmith", "-a")).out()).isEqualTo(GOOD);
            Path home = dir.resolve("home/jsmith");
            assertThat(Files.readString(home.resolve("sieve/main.sieve"))).isEqualTo(GOOD);
            assertThat(Files.isSymbolicLink(home.resolve(".dovecot.sieve"))).isTrue();

            AdminFixture.Run bad = site.admWithInputC(BAD, "sieve", "put", "-u", "jsmith", "broken");
            assertThat(bad.exit()).isEqualTo(65);
            assertThat(bad.err()).contains("Failed to save sieve script 'broken'").contains("line 2: error:");
            assertThat(home.resolve("sieve/broken.sieve")).doesNotExist();

            ok(site.admC("sieve", "activate", "-u", "jsmith", "spare"));
            assertThat(ok(site.admC("sieve", "list", "-u", "jsmith")).out()).isEqualTo("main \nspare ACTIVE\n");
            ok(site.admC("sieve", "rename", "-u", "jsmith", "main", "old"));
            ok(site.admC("sieve", "deactivate", "-u", "jsmith"));
            assertThat(ok(site.admC("sieve", "list", "-u", "jsmith")).out()).isEqualTo("old \nspare \n");
            ok(site.admC("sieve", "delete", "-u", "jsmith", "old"));
            assertThat(site.admC("sieve", "get", "-u", "jsmith", "old").exit()).isEqualTo(68);
            assertThat(site.admC("sieve", "list", "-u", "nobody").exit()).isEqualTo(67);

            Path good = Files.writeString(dir.resolve("good.sieve"), GOOD);
            Path broken = Files.writeString(dir.resolve("broken.sieve"), BAD);
            ok(site.admC("sieve", "check", good.toString()));
            AdminFixture.Run check = site.admC("sieve", "check", broken.toString());
            assertThat(check.exit()).isEqualTo(65);
            assertThat(check.err()).startsWith(broken + ": line 2: error:");
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static AdminFixture.Run ok(AdminFixture.Run run) {
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return run;
    }
}
