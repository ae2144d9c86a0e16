package org.loftmail.lmtp;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.Settings;
import org.loftmail.lmtp.delivery.DeliverySettingsBinder;
import org.loftmail.testkit.SettingErrorTable;

/** Each bad LMTP or delivery setting is reported at its own line (docs/adr/0103). */
class LmtpSettingsLinesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            hostname = mx.example.com
            postmaster_address = postmaster@example.com
            mail_temp_dir = /tmp
            lmtp_hdr_delivery_address = final
            lmtp_user_concurrency_limit = 0
            lmtp_save_to_detail_mailbox = no
            submission_host =
            login_greeting = Loft ready.
            protocol lmtp {
              mail_plugins = quota
            }
            plugin {
              quota_max_mail_size = 10M
            }
            """;

    @TestFactory
    Stream<DynamicTest> eachBadValueIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, c -> {
                    Settings lmtp = c.settings("lmtp");
                    LmtpSettingsBinder.bind(lmtp);
                    DeliverySettingsBinder.bind(lmtp);
                    LmtpConfiguration.mailSender(lmtp);
                })
                .row("hostname = mx.example.com", "hostname = \"mx example com\"",
                        "hostname: hostname is not a host name: mx example com")
                .row("lmtp_hdr_delivery_address = final", "lmtp_hdr_delivery_address = first", "first")
                .row("lmtp_user_concurrency_limit = 0", "lmtp_user_concurrency_limit = some", "some")
                .row("lmtp_save_to_detail_mailbox = no", "lmtp_save_to_detail_mailbox = perhaps", "perhaps")
                .row("submission_host =", "submission_host = smtp.example.com:smtp",
                        "submission_host: bad port in smtp.example.com:smtp")
                .row("mail_plugins = quota", "mail_plugins = quota zlib", "zlib")
                .row("quota_max_mail_size = 10M", "quota_max_mail_size = big", "big")
                .tests();
    }
}
