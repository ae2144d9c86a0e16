package org.loftmail.managesieve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * Roundcube's ManageSieve library, PEAR Net_Sieve (Debian's php-net-sieve, installed with php-cli by
 * scripts/install-test-deps), as a real client: STARTTLS with a verified certificate, PLAIN, installing and
 * activating a script, listing, fetching, a compile error shown to the user, deleting.
 */
class PhpNetSieveTest {

    @TempDir
    Path dir;

    @Test
    void roundcubesLibraryManagesScripts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/php")) && Files.isReadable(Path.of("/usr/share/php/Net/Sieve.php")),
                "php-cli and php-net-sieve are not installed");
        Path client = dir.resolve("client.php");
        try (var in = getClass().getResourceAsStream("/php/net_sieve_client.php")) {
            Files.copy(in, client);
        }
        try (ManageSieveTestServer server = new ManageSieveTestServer(dir.resolve("srv"), ManageSieveSettings.defaults(),
                SieveStoreSettings.DEFAULTS, true)) {
            Process p = new ProcessBuilder("/usr/bin/php", client.toString(), ManageSieveTestServer.HOST,
                    Integer.toString(server.port()), "jsmith", "secret",
                    ManageSieveTestServer.certificateFile(dir).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out.lines().toList()).as(out).containsExactly(
                    "connect true",
                    "login true",
                    "extensions true",
                    "install true",
                    "active 'roundcube'",
                    "list array (",
                    "  0 => 'roundcube',",
                    ")",
                    "get true",
                    "space true",
                    "bad ERROR bad: line 1: error: unknown command 'fileinto' (only reported once at first "
                            + "occurrence). bad: error: validation failed.",
                    "remove-active ERROR (ACTIVE) \"Cannot delete the active Sieve script.\"",
                    "deactivate true",
                    "remove true",
                    "disconnect true");
            assertThat(server.home("jsmith").resolve("sieve/roundcube.sieve")).doesNotExist();
        }
    }
}
