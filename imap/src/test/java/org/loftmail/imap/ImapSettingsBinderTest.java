package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.testkit.SettingErrorTable;

/** The IMAP service's settings: bound from the imap view, and each bad value reported at its own line. */
class ImapSettingsBinderTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            imap_max_line_length = 64k
            imap_idle_notify_interval = 2 mins
            mailbox_idle_check_interval = 30 secs
            mail_max_userip_connections = 10
            login_greeting = Loft ready.
            plugin {
              quota_max_mail_size = 10M
            }
            """;

    @Test
    void bindsTheImapView() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"), GOOD + "protocol imap {\n  imap_max_line_length = 128k\n}\n");
        ImapSettings s = ImapSettingsBinder.bind(LoftConfig.load(conf).settings("imap"));
        assertThat(s.maxLineLength()).isEqualTo(128 * 1024);
        assertThat(s.appendLimit()).isEqualTo(10L << 20);
        assertThat(s.idleNotifyInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.greeting()).isEqualTo("Loft ready.");
    }

    @TestFactory
    Stream<DynamicTest> eachBadValueIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, c -> ImapSettingsBinder.bind(c.settings("imap")))
                .row("imap_max_line_length = 64k", "imap_max_line_length = 100",
                        "imap_max_line_length must be at least 1024")
                .row("imap_idle_notify_interval = 2 mins", "imap_idle_notify_interval = soon", "soon")
                .row("mailbox_idle_check_interval = 30 secs", "mailbox_idle_check_interval = -1", "-1")
                .row("mail_max_userip_connections = 10", "mail_max_userip_connections = many", "many")
                .row("login_greeting = Loft ready.", "login_greeting = Lóft ready.",
                        "login_greeting must be printable ASCII")
                .row("quota_max_mail_size = 10M", "quota_max_mail_size = big", "big")
                .tests();
    }
}
