package org.loftmail.server;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.testkit.SettingErrorTable;

/** Each bad namespace, mailbox or quota setting is reported at its own line (docs/adr/0103). */
class StorageSettingsLinesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            namespace inbox {
              inbox = yes
              separator = /
              prefix =
              type = private
              location =
              mailbox Sent {
                special_use = \\Sent
                auto = subscribe
              }
            }
            mail_plugins = quota
            plugin {
              quota = maildir:User quota
              quota_rule = *:storage=1G
              quota_rule2 = Trash:storage=+100M
              quota_grace = 10%%
            }
            mbox_read_locks = fcntl
            mbox_write_locks = dotlock fcntl
            """;

    @TestFactory
    Stream<DynamicTest> eachBadValueIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, StorageSettingsBinder::bind)
                .row("separator = /", "separator = //", "separator: must be a single character")
                .row("prefix =", "prefix = INBOX", "namespace inbox: namespace prefix must end with the separator")
                .row("type = private", "type = shared", "Loft does not support shared namespaces yet")
                .row("location =", "location = maildir:~/Other",
                        "location: Loft does not support a per-namespace location yet")
                .row("special_use = \\Sent", "special_use = \\Sent \\Outbox", "unknown special-use flag \\Outbox")
                .row("auto = subscribe", "auto = always", "auto: Invalid value 'always'")
                .row("quota = maildir:User quota", "quota = dict:User quota", "quota: unsupported quota backend: dict")
                .row("quota_rule = *:storage=1G", "quota_rule = *:storage=huge", "quota: bad number in quota_rule")
                .row("quota_rule2 = Trash:storage=+100M", "quota_rule2 = Trash:space=100M",
                        "quota: unknown quota_rule limit: space")
                .row("quota_grace = 10%%", "quota_grace = 10 percent", "quota: bad quota_grace value")
                .row("mbox_read_locks = fcntl", "mbox_read_locks = fcntl smoke", "unknown mbox lock method: smoke")
                .row("mbox_write_locks = dotlock fcntl", "mbox_write_locks = dotlock bogus", "unknown mbox lock method: bogus")
                .tests();
    }

    /** As in Dovecot, a namespace without a separator gets its mailbox list's: '/' on mbox, '.' on Maildir++. */
    @org.junit.jupiter.api.Test
    void theDefaultSeparatorIsTheLayouts() throws Exception {
        java.nio.file.Path conf = dir.resolve("sep.conf");
        java.nio.file.Files.writeString(conf, "mail_location = mbox:~/mail:INBOX=/var/mail/%u\nnamespace inbox {\n  inbox = yes\n}\n");
        org.assertj.core.api.Assertions.assertThat(StorageSettingsBinder.bind(org.loftmail.core.config.LoftConfig.load(conf))
                .namespaces().get(0).separator()).isEqualTo('/');
        java.nio.file.Files.writeString(conf, "mail_location = maildir:~/Maildir\n");
        org.assertj.core.api.Assertions.assertThat(StorageSettingsBinder.bind(org.loftmail.core.config.LoftConfig.load(conf))
                .namespaces().get(0).separator()).isEqualTo('.');
    }
}
