package org.loftmail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.core.mime.MimeParser;

class HarnessPiecesTest {

    @Test
    void theDataSetIsTheSameOnEveryRun() {
        for (long seed = 0; seed < 20; seed++) {
            assertThat(new MessageFactory(seed).next(5_000_000)).isEqualTo(new MessageFactory(seed).next(5_000_000));
        }
    }

    @Test
    void generatedMessagesAreWellFormedMimeOfTheAdvertisedMix() {
        MessageFactory factory = new MessageFactory(3);
        int multipart = 0;
        for (int i = 0; i < 200; i++) {
            byte[] message = factory.next(600_000);
            assertThat(message.length).isBetween(900, 700_000);
            String structure = new String(MimeParser.parse(message).summary().bodyStructureBytes(), StandardCharsets.US_ASCII);
            if (structure.startsWith("((")) {
                multipart++;
            }
        }
        assertThat(multipart).isBetween(30, 90); // about 30% alternatives and attachments
    }

    @Test
    void lmtpDataIsCrlfAndDotStuffed() {
        byte[] data = MessageFactory.forSmtpData("Subject: x\n\n.hidden\nlast\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("Subject: x\r\n\r\n..hidden\r\nlast\r\n");
    }

    @Test
    void ratiosAlwaysReadAboveOneWhenLoftDidBetter() {
        Figure fastLoft = new Figure("s", "ops", 200, "op/s", true);
        Figure slowDovecot = new Figure("s", "ops", 100, "op/s", true);
        assertThat(Report.advantage(fastLoft, slowDovecot)).isEqualTo(2.0);
        Figure smallLoft = new Figure("s", "memory", 10, "KiB", false);
        Figure bigDovecot = new Figure("s", "memory", 500, "KiB", false);
        assertThat(Report.advantage(smallLoft, bigDovecot)).isEqualTo(50.0);
        Report report = new Report();
        report.add("Loft", List.of(fastLoft));
        report.add("Dovecot", List.of(slowDovecot));
        assertThat(report.table()).contains("| s | ops | 200 op/s | 100 op/s | 2.00× |");
    }

    @Test
    void quantilesComeFromTheRecordedLatencies() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 100; i++) {
            l.record(i * 1_000_000L);
        }
        assertThat(l.quantileMillis(0.5)).isEqualTo(50.0);
        assertThat(l.quantileMillis(0.99)).isEqualTo(99.0);
        assertThat(l.count()).isEqualTo(100);
    }

    @Test
    void bothServersLoadOneConfigurationThatLoftAccepts() throws Exception {
        BenchEnvironment env = new BenchEnvironment(java.nio.file.Path.of("/var/tmp/loft-bench-test"), BenchPlan.quick());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-conf");
        java.nio.file.Path file = dir.resolve("bench.conf");
        java.nio.file.Files.writeString(file, env.configText());
        var config = org.loftmail.core.config.LoftConfig.load(file);
        assertThat(config.protocols()).containsExactly("imap", "pop3", "lmtp");
        assertThat(config.warnings()).anyMatch(w -> w.contains("service_count"));
        assertThat(config.service("imap-login").orElseThrow().enabledInetListeners()).hasSize(1);
    }
}
