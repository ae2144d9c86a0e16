package org.loftmail.core.config;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.fuzz.Mutator;

/**
 * Fuzzes the configuration parser and checker: every mutated corpus file either loads or fails with a
 * {@link ConfigException} (which carries file:line), never another exception, a hang or an exhausted heap.
 */
class ConfigParserFuzzTest {

    private static final List<String> TOKENS = List.of("{", "}", "\n", " ", "\"", "\\", "\\\n", "#", "=", " = ",
            "$mail_plugins", "$ENV:HOME", "%{", "%u", "%", "<", "!include ", "!include_try ", "protocol imap {\n",
            "local 10.0.0.0/8 {\n", "remote ::1 {\n", "local_name *.example.com {\n", "passdb {\n", "service imap-login {\n",
            "inet_listener imap {\n", "namespace inbox {\n", "mailbox Sent {\n", "plugin {\n", "ssl = required\n",
            "mail_location = maildir:~/Maildir\n", "quota_rule = *:storage=1G\n", "\u0000", "\r", "\t", "é", "📧",
            "dovecot_config_version = 2.4.0\n", "size = 10G\n", "1 weeks", "-1", "99999999999999999999");

    @TempDir
    Path dir;

    @Test
    void mutatedConfigurationsLoadOrFailWithALocation() throws Exception {
        Mutator m = new Mutator(Mutator.corpus(Path.of("src/test/resources/fuzz/config")), TOKENS);
        int n = Mutator.iterations(1500);
        Path file = dir.resolve("fuzz.conf");
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::::\n");
        for (int i = 0; i < n; i++) {
            String input = m.next().replace("@DIR@", dir.toString());
            // bytes, not writeString: an edit may split a surrogate pair, which the encoder replaces
            Files.write(file, input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    try {
                        LoftConfig.load(file, java.util.Map.of("HOME", "/home/fuzz"));
                    } catch (ConfigException expected) {
                        // a refusal with file:line is the right answer to a broken file
                    }
                });
            } catch (Throwable t) {
                Path saved = Files.write(Path.of("target", "config-fuzz-failure.conf"), input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                fail("seed " + m.seed + ", input " + i + " (saved to " + saved.toAbsolutePath() + "): " + t, t);
            }
        }
    }
}
