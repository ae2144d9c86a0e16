package org.loftmail.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fresh hashes from libxcrypt's mkpasswd (Debian package whois, see scripts/install-test-deps)
 * for a random password each run; skipped when mkpasswd is not installed.
 */
class MkpasswdLiveTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    private static String mkpasswd(String method, String password, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("mkpasswd", "-m", method));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("--", password));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void freshMkpasswdHashesVerify() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/mkpasswd")) || Files.isExecutable(Path.of("/bin/mkpasswd"));
        assumeTrue(installed, "mkpasswd not installed (apt-get install whois); the committed vectors still ran");
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + Base64.getUrlEncoder().encodeToString(random) + "-ü";
        String[][] cases = {
            {"SHA512-CRYPT", "sha512crypt", "-R", "5000"}, {"SHA512-CRYPT", "sha512crypt", "-R", "7777"},
            {"SHA256-CRYPT", "sha256crypt", "-R", "1000"}, {"MD5-CRYPT", "md5crypt"}, {"BLF-CRYPT", "bcrypt", "-R", "4"},
            {"CRYPT", "bcrypt-a", "-R", "4"}, {"CRYPT", "yescrypt"}
        };
        for (String[] c : cases) {
            String hash = mkpasswd(c[1], password, java.util.Arrays.copyOfRange(c, 2, c.length));
            StoredPassword stored = new StoredPassword(c[0], hash);
            if (hash.startsWith("$y$") && !Libcrypt.system().available()) {
                continue;
            }
            assertThat(SCHEMES.verify(password.getBytes(StandardCharsets.UTF_8), stored, "")).as(hash).isTrue();
            assertThat(SCHEMES.verify((password + "x").getBytes(StandardCharsets.UTF_8), stored, "")).as(hash).isFalse();
        }
    }
}
