package org.loftmail.managesieve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * Debian's {@code sieve-connect} (installed by scripts/install-test-deps) as a real client: STARTTLS, SASL PLAIN,
 * upload, list, activate, download, checkscript with an error, delete; the files it leaves are Pigeonhole's layout.
 */
class SieveConnectTest {

    private static final String SPAM = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n"
            + "        fileinto \"Spam\";\n}\n";

    @TempDir
    Path dir;
    ManageSieveTestServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sieve-connect")), "sieve-connect is not installed");
        server = new ManageSieveTestServer(dir.resolve("srv"), ManageSieveSettings.defaults(), SieveStoreSettings.DEFAULTS,
                true);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private record Run(int exit, String output) {}

    private Run sieveConnect(String... action) throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "secret\n");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/sieve-connect", "--server", ManageSieveTestServer.HOST,
                "--port", Integer.toString(server.port()), "--user", "jsmith", "--passwordfd", "0",
                "--authmech", "PLAIN", "--tlscafile", ManageSieveTestServer.certificateFile(dir).toString(),
                "--tlshostname", "localhost"));
        cmd.addAll(List.of(action));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(password.toFile());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("sieve-connect did not finish: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    @Test
    void aRealSieveConnectSessionManagesScripts() throws Exception {
        Path local = Files.writeString(dir.resolve("spam.sieve"), SPAM);
        Run upload = sieveConnect("--upload", "--localsieve", local.toString(), "--remotesieve", "spam");
        assertThat(upload.exit()).as(upload.output()).isZero();
        assertThat(Files.readString(server.home("jsmith").resolve("sieve/spam.sieve"))).isEqualTo(SPAM);

        Run activate = sieveConnect("--activate", "--remotesieve", "spam");
        assertThat(activate.exit()).as(activate.output()).isZero();
        assertThat(Files.readSymbolicLink(server.home("jsmith").resolve(".dovecot.sieve")).toString())
                .isEqualTo("sieve/spam.sieve");

        Run list = sieveConnect("--list");
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("\"spam\" ACTIVE");

        Path back = dir.resolve("back.sieve");
        Run download = sieveConnect("--download", "--remotesieve", "spam", "--localsieve", back.toString());
        assertThat(download.exit()).as(download.output()).isZero();
        assertThat(Files.readString(back)).isEqualTo(SPAM);

        Path bad = Files.writeString(dir.resolve("bad.sieve"), "keep;\nfileinto \"x\";\n");
        Run check = sieveConnect("--checkscript", "--localsieve", bad.toString());
        assertThat(check.exit()).isNotZero();
        assertThat(check.output()).contains("line 2: error");

        Run delete = sieveConnect("--delete", "--remotesieve", "spam");
        assertThat(delete.exit()).as("deleting the active script is refused").isNotZero();
        assertThat(sieveConnect("--deactivate").exit()).isZero();
        assertThat(sieveConnect("--delete", "--remotesieve", "spam").exit()).isZero();
        assertThat(server.home("jsmith").resolve("sieve/spam.sieve")).doesNotExist();
    }
}
