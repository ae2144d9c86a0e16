package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;
import org.loftmail.server.MaildirTestBackend;
import org.loftmail.testkit.storage.TestBackend;

/** QUOTA is advertised after login only when a quota is configured, as Dovecot does only with its quota plugins. */
class MaildirQuotaCapabilityTest {

    @TempDir
    Path dir;

    private static String loginAnswer(ImapTestServer server) throws Exception {
        try (Socket s = server.connect()) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write("a LOGIN alice secret\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.readLine();
        }
    }

    @Test
    void quotaOnlyWhenConfigured() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir.resolve("none"), ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR)) {
            assertThat(loginAnswer(server)).startsWith("a OK [CAPABILITY ").doesNotContain(" QUOTA ");
        }
        TestBackend withQuota = new TestBackend("maildir-quota",
                () -> new MaildirStorageProvider(List.of(), QuotaSettings.of("maildir:User quota", List.of("*:storage=1G"), "10%")),
                home -> "maildir:" + home.resolve("Maildir"));
        try (ImapTestServer server = new ImapTestServer(dir.resolve("quota"), ImapSettings.defaults(), false, withQuota)) {
            assertThat(loginAnswer(server)).contains(" CREATE-SPECIAL-USE QUOTA LITERAL+ ");
        }
    }
}
