package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes the parser: any text either loads or gives a {@link ConfigException} whose
 * message starts with {@code file:line: }. Deterministic (fixed seeds), a few thousand cases.
 */
class ConfigParserRobustnessTest {

    private static final List<String> PIECES = List.of("protocols", "=", " ", "imap", "{", "}", "\"", "'", "\\",
            "#", "$", "$protocols", "<", "!include", "!include_try", "*", "service", "imap-login", "inet_listener",
            "port", "0", "99999", "ssl", "yes", "protocol", "local", "remote", "10.0.0.0/8", "::1/200", "plugin",
            "passdb", "driver", "pam", "%u", "%{user", "\n", "\n", "\n", "\t", "é", "\u0000", "mail_plugins", "quota",
            "namespace", "mailbox", "special_use", "local_name", "!imap", "/", "..", "mode", "0777", "unix_listener");

    @TempDir
    Path dir;

    @Test
    void randomConfigurationsLoadOrFailWithALocation() throws Exception {
        Random random = new Random(20261123);
        Path file = dir.resolve("fuzz.conf");
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
                if (random.nextInt(3) == 0) {
                    text.append(' ');
                }
            }
            Files.writeString(file, text);
            try {
                LoftConfig c = LoftConfig.load(file);
                ConfigWriter.nonDefault(c);
                ConfigWriter.all(c);
            } catch (ConfigException e) {
                failures++;
                assertThat(e.getMessage()).startsWith(file.toString() + ":");
            } catch (RuntimeException e) {
                fail("input " + i + " crashed the parser: " + text, e);
            }
        }
        assertThat(failures).isGreaterThan(50);
    }

    @Test
    void randomBytesNeverCrash() throws Exception {
        Random random = new Random(7);
        Path file = dir.resolve("bytes.conf");
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
            try {
                LoftConfig.load(file);
            } catch (ConfigException e) {
                assertThat(e.getMessage()).startsWith(file.toString() + ":");
            }
        }
    }
}
