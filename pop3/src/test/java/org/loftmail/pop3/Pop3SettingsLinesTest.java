package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.testkit.SettingErrorTable;

/** Each bad pop3 setting is reported at its own line (docs/adr/0103). */
class Pop3SettingsLinesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            pop3_uidl_format = %08Xu%08Xv
            pop3_logout_format = top=%t/%p, retr=%r/%b, del=%d/%m, size=%s
            pop3_client_workarounds = outlook-no-nuls
            pop3_deleted_flag = "$POP3Deleted"
            pop3_delete_type = default
            pop3_uidl_duplicates = allow
            pop3_lock_session = no
            mail_max_userip_connections = 10
            """;

    @TestFactory
    Stream<DynamicTest> eachBadValueIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, c -> Pop3SettingsBinder.bind(c.settings("pop3")))
                .row("pop3_uidl_format = %08Xu%08Xv", "pop3_uidl_format = %q",
                        "pop3_uidl_format: unknown variable %q")
                .row("pop3_uidl_format = %08Xu%08Xv", "pop3_uidl_format = fixed",
                        "pop3_uidl_format: pop3_uidl_format setting doesn't contain any %variables")
                .row("pop3_logout_format = top=%t/%p, retr=%r/%b, del=%d/%m, size=%s", "pop3_logout_format = %q",
                        "pop3_logout_format: unknown variable %q")
                .row("pop3_client_workarounds = outlook-no-nuls", "pop3_client_workarounds = oe-ns-eoh bogus",
                        "pop3_client_workarounds: Unknown workaround: bogus")
                .row("pop3_deleted_flag = \"$POP3Deleted\"", "pop3_deleted_flag = \\Seen",
                        "pop3_deleted_flag: must be a keyword, not a system flag: \\Seen")
                .row("pop3_deleted_flag = \"$POP3Deleted\"", "pop3_deleted_flag = \"Bad(flag\"",
                        "pop3_deleted_flag: bad character in keyword")
                .row("pop3_delete_type = default", "pop3_delete_type = sometimes", "sometimes")
                .row("pop3_uidl_duplicates = allow", "pop3_uidl_duplicates = never", "never")
                .row("pop3_lock_session = no", "pop3_lock_session = perhaps", "perhaps")
                .row("mail_max_userip_connections = 10", "mail_max_userip_connections = lots", "lots")
                .tests();
    }

    /** Flag deletion without a flag: the line that asked for flags, not the (unset) flag's built-in default. */
    @Test
    void flagDeletionWithoutAFlagIsReportedAtTheDeleteType() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"), "pop3_lock_session = no\npop3_delete_type = flag\n");
        assertThatThrownBy(() -> Pop3SettingsBinder.bind(LoftConfig.load(conf).settings("pop3")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(conf + ":2: pop3_deleted_flag: pop3_delete_type=flag, but pop3_deleted_flag not set");
    }
}
