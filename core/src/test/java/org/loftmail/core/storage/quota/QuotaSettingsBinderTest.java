package org.loftmail.core.storage.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;

/** The quota plugin's settings as Dovecot 2.3 reads them, with each error at its own line. */
class QuotaSettingsBinderTest {

    @TempDir
    Path dir;

    private QuotaSettings bind(String plugin) throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"),
                "mail_plugins = quota\nplugin {\n  quota = maildir:User quota\n" + plugin + "}\n");
        return QuotaSettingsBinder.bind(LoftConfig.load(conf));
    }

    /** Issue 20 item 8: the table's default is Dovecot's {@code 10%%}, which used to stop startup. */
    @Test
    void theDefaultGraceIsTenPercent() throws Exception {
        QuotaSettings q = bind("  quota_rule = *:storage=1G\n");
        assertThat(q.enabled()).isTrue();
        assertThat(q.grace()).isEqualTo(new QuotaGrace(0, 10));
        assertThat(q.grace().of(1000)).isEqualTo(100);
    }

    /** Dovecot's documented form: plugin values are %-expanded, so %% is one percent sign. */
    @Test
    void dovecotsDocumentedGraceWorks() throws Exception {
        assertThat(bind("  quota_grace = 10%%\n").grace()).isEqualTo(new QuotaGrace(0, 10));
        assertThat(bind("  quota_grace = 25%\n").grace()).isEqualTo(new QuotaGrace(0, 25));
        assertThat(bind("  quota_grace = 10M\n").grace()).isEqualTo(new QuotaGrace(10L << 20, -1));
    }

    @Test
    void aPerUserVariableInTheGraceIsRefusedAtItsLine() {
        assertThatThrownBy(() -> bind("  quota_rule = *:storage=1G\n  quota_grace = %{userdb:grace}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:5: quota: quota_grace is read once for all users");
    }

    @Test
    void eachBadValueIsReportedAtItsOwnLine() {
        assertThatThrownBy(() -> bind("  quota_rule = *:storage=1G\n  quota_rule2 = Trash:storage=lots\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:5: quota: bad number in quota_rule: lots");
        assertThatThrownBy(() -> bind("  quota_rule = *:storage=1G\n  quota_grace = plenty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:5: quota: bad quota_grace value: plenty");
        assertThatThrownBy(() -> bind("  quota_rule = Trash\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:4: quota: quota_rule needs <mailbox>:<limits>: Trash");
    }

    @Test
    void anUnknownBackendIsReportedAtTheQuotaLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"),
                "mail_plugins = quota\nplugin {\n  quota_rule = *:storage=1G\n  quota = dict:User quota\n}\n");
        assertThatThrownBy(() -> QuotaSettingsBinder.bind(LoftConfig.load(conf)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:4: quota: unsupported quota backend: dict");
    }

    @Test
    void noQuotaPluginMeansNoQuota() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"), "plugin {\n  quota = maildir\n}\n");
        assertThat(QuotaSettingsBinder.bind(LoftConfig.load(conf)).enabled()).isFalse();
    }
}
