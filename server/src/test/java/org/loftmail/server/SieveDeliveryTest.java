package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.lmtp.lda.LdaCommand;

/**
 * Issue 13's guide scripts at delivery through `loft lda` with the server's wiring and {@code mail_plugins = sieve}
 * in {@code protocol lda}: spam into Spam, a message without virus status into Virus, clean mail kept; a script
 * that does not compile keeps the message in INBOX.
 */
class SieveDeliveryTest {

    static final String SPAM_RULE = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n"
            + "        fileinto \"Spam\";\n}\n";
    static final String VIRUS_RULE = "require [\"fileinto\"];\nif header :contains \"X-Virus-Status\" \"\" {\n"
            + "        fileinto \"Spam\";\n}\nif not header :contains \"X-Virus-Status\" \"Clean\" {\n"
            + "        fileinto \"Virus\";\n}\n";

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int lda(Path config, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LdaCommand.run(new String[] {"-c", config.toString(), "-d", "demo", "-f", "alice@example.com"},
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Lda::load);
        assertThat(code).as(err.toString()).isZero();
        return code;
    }

    private static boolean holds(Path maildirFolder, String text) throws IOException {
        if (!Files.isDirectory(maildirFolder)) return false;
        try (Stream<Path> files = Stream.concat(Files.list(maildirFolder.resolve("new")),
                Files.list(maildirFolder.resolve("cur")))) {
            return files.anyMatch(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void guideScriptsFileSpamAndViruses(@TempDir Path home) throws Exception {
        Path var = home.resolve("var");
        Demo.prepare(var, new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort()));
        Path config = var.resolve("demo.conf");
        Files.writeString(config, Files.readString(config)
                + "\nlda_mailbox_autocreate = yes\nprotocol lda {\n  mail_plugins = $mail_plugins sieve\n}\n");
        Path userHome = var.resolve("mail/demo");
        Path maildir = userHome.resolve("Maildir");
        Path script = userHome.resolve(".dovecot.sieve");
        Files.createDirectories(userHome);

        Files.writeString(script, SPAM_RULE);
        lda(config, "Subject: spam one\nX-Spam-Flag: YES\nMessage-ID: <1@example.com>\n\nbuy\n");
        lda(config, "Subject: ham one\nMessage-ID: <2@example.com>\n\nhello\n");
        assertThat(holds(maildir.resolve(".Spam"), "Subject: spam one")).isTrue();
        assertThat(holds(maildir, "Subject: ham one")).isTrue();
        assertThat(holds(maildir, "Subject: spam one")).isFalse();

        Files.writeString(script, VIRUS_RULE);
        lda(config, "Subject: no status\nMessage-ID: <3@example.com>\n\nx\n");
        lda(config, "Subject: clean status\nX-Virus-Status: Clean\n\nx\n");
        assertThat(holds(maildir.resolve(".Virus"), "Subject: no status")).isTrue();
        assertThat(holds(maildir.resolve(".Spam"), "Subject: clean status")).isTrue();

        Files.writeString(script, "fileinto \"Spam\";\n");
        lda(config, "Subject: broken script\n\nx\n");
        assertThat(holds(maildir, "Subject: broken script")).isTrue();
    }

    @Test
    void editheaderChangesWhatIsStored(@TempDir Path home) throws Exception {
        Path var = home.resolve("var");
        Demo.prepare(var, new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort()));
        Path config = var.resolve("demo.conf");
        Files.writeString(config, Files.readString(config) + "\nlda_mailbox_autocreate = yes\n"
                + "protocol lda {\n  mail_plugins = $mail_plugins sieve\n}\nplugin {\n"
                + "  sieve_extensions = +editheader\n}\n");
        Path userHome = var.resolve("mail/demo");
        Files.createDirectories(userHome);
        Files.writeString(userHome.resolve(".dovecot.sieve"), "require [\"editheader\", \"fileinto\"];\n"
                + "addheader \"X-Sieve-Tag\" \"tagged\";\ndeleteheader \"X-Spam-Flag\";\nfileinto \"Tagged\";\n");
        lda(config, "Subject: to edit\nX-Spam-Flag: YES\nMessage-ID: <e1@example.com>\n\nthe body stays\n");
        Path tagged = userHome.resolve("Maildir/.Tagged");
        String stored;
        try (Stream<Path> files = Files.list(tagged.resolve("new"))) {
            stored = Files.readString(files.findFirst().orElseThrow());
        }
        assertThat(stored).contains("X-Sieve-Tag: tagged\nSubject: to edit\n").doesNotContain("X-Spam-Flag")
                .endsWith("\n\nthe body stays\n");
    }
}
