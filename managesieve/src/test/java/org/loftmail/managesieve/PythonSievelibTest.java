package org.loftmail.managesieve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * Debian's python3-sievelib (installed by scripts/install-test-deps) as a second, independent client: STARTTLS
 * with disable_plaintext_auth, PLAIN, HAVESPACE, PUTSCRIPT with and without compile errors, CHECKSCRIPT, SETACTIVE,
 * LISTSCRIPTS, GETSCRIPT, RENAMESCRIPT of the active script, DELETESCRIPT refused while active, LOGOUT.
 */
class PythonSievelibTest {

    @TempDir
    Path dir;

    private static String python() {
        for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }

    @Test
    void sievelibManagesScriptsOverStartTls() throws Exception {
        String python = python();
        assumeTrue(python != null, "python3 is not installed");
        Process probe = new ProcessBuilder(python, "-c", "import sievelib.managesieve").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor() == 0, "python3-sievelib is not installed");
        Path script = dir.resolve("client.py");
        try (var in = getClass().getResourceAsStream("/python/sievelib_client.py")) {
            Files.copy(in, script);
        }
        try (ManageSieveTestServer server = new ManageSieveTestServer(dir.resolve("srv"), ManageSieveSettings.defaults(),
                SieveStoreSettings.DEFAULTS, true)) {
            Process p = new ProcessBuilder(python, script.toString(), ManageSieveTestServer.HOST,
                    Integer.toString(server.port()), "jsmith", "secret").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).as(out).containsExactly(
                    "connect True",
                    "implementation Dovecot Pigeonhole",
                    "extensions " + Capabilities.sieveCapability(new org.loftmail.sieve.compile.SieveCompiler()),
                    "havespace True",
                    "put True",
                    "put-bad False",
                    "error bad: line 1: error: unknown command 'fileinto' (only reported once at first occurrence). | "
                            + "bad: error: validation failed. | ",
                    "check True",
                    "activate True",
                    "list spam []",
                    "get True",
                    "rename True",
                    "list filter []",
                    "delete-active False",
                    "deactivate True",
                    "delete True",
                    "logout None");
            assertThat(server.home("jsmith").resolve("sieve/filter.sieve")).doesNotExist();
        }
    }
}
