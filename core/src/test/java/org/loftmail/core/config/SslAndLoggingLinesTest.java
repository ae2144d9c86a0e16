package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each bad TLS or logging setting stops loading at its own line (docs/adr/0103). Every checked setting has a
 * good value on a line of its own; each case replaces one line.
 */
class SslAndLoggingLinesTest {

    private static final List<String> GOOD = List.of(
            "ssl = yes",
            "ssl_cert =",
            "ssl_key =",
            "ssl_ca =",
            "ssl_verify_client_cert = no",
            "ssl_min_protocol = TLSv1.2",
            "log_path = /dev/stderr",
            "syslog_facility = mail");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2 | ssl_cert = notpem             | ssl_cert: the value is not a PEM certificate",
        "3 | ssl_key = notpem              | ssl_key: the value is not a PEM private key",
        "4 | ssl_ca = notpem               | ssl_ca: the value is not PEM certificates",
        "2 | ssl_cert = \"-----BEGIN CERTIFICATE-----\" | ssl_cert: ssl_cert is set but ssl_key is not",
        "3 | ssl_key = \"-----BEGIN PRIVATE KEY-----\"  | ssl_key: ssl_key is set but ssl_cert is not",
        "5 | ssl_verify_client_cert = yes  | ssl_verify_client_cert = yes needs ssl_ca to verify against",
        "6 | ssl_min_protocol = TLSv9      | TLSv9",
        "7 | log_path =                    | log_path: must not be empty (use /dev/stderr or syslog)",
        "8 | syslog_facility = kitchen     | syslog_facility: unknown syslog facility 'kitchen'",
    })
    void eachBadValueIsReportedAtItsOwnLine(int line, String bad, String message) throws Exception {
        Path good = Files.writeString(dir.resolve("good.conf"), String.join("\n", GOOD) + "\n");
        LoftConfig.load(good);
        List<String> lines = new java.util.ArrayList<>(GOOD);
        lines.set(line - 1, bad);
        Path conf = Files.writeString(dir.resolve("loft.conf"), String.join("\n", lines) + "\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> LoftConfig.load(conf));
        assertThat(e).as(bad).isNotNull();
        assertThat(e.getMessage()).startsWith(conf + ":" + line + ": ").contains(message);
    }
}
