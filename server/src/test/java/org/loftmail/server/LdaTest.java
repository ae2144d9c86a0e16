package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.lmtp.lda.LdaCommand;

/** `loft lda` with the server's wiring: the exit codes Postfix's pipe(8) acts on, and mail on disk. */
class LdaTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int lda(Path config, String user, String message, ByteArrayOutputStream err) {
        return LdaCommand.run(new String[] {"-c", config.toString(), "-d", user, "-f", "alice@example.com"},
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Lda::load);
    }

    @Test
    void deliversForKnownUsersAndSaysNoUserForOthers(@TempDir Path home) throws Exception {
        Path var = home.resolve("var");
        Demo.prepare(var, new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()));
        Path config = var.resolve("demo.conf");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(lda(config, "demo", "Subject: via lda\n\nhello\n", err)).as(err.toString()).isZero();
        Path maildir = var.resolve("mail/demo/Maildir");
        try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("new")), Files.list(maildir.resolve("cur")))) {
            assertThat(files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).anyMatch(text -> text.contains("Subject: via lda"));
        }

        assertThat(lda(config, "nobody", "Subject: x\n\nx\n", new ByteArrayOutputStream())).isEqualTo(67);
        assertThat(lda(home.resolve("missing.conf"), "demo", "Subject: x\n\nx\n", new ByteArrayOutputStream()))
                .isEqualTo(75);
    }
}
