package org.loftmail.sieve.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.sieve.run.SieveMail;

/** Every sieve_* setting the delivery reads, bound from a real configuration; refusals carry file:line. */
class SieveDeliverySettingsBinderTest {

    @TempDir
    Path dir;

    SieveDeliverySettings bind(String conf) throws Exception {
        Path f = dir.resolve("loft.conf");
        Files.writeString(f, conf);
        return SieveDeliverySettingsBinder.bind(LoftConfig.load(f).settings("lmtp"));
    }

    @Test
    void bindsEverySetting() throws Exception {
        SieveDeliverySettings s = bind("""
                protocol lmtp {
                  mail_plugins = quota sieve
                }
                plugin {
                  sieve = file:~/sieve;active=~/.dovecot.sieve
                  sieve_before = /etc/loft/sieve/before.d/
                  sieve_before2 = /etc/loft/sieve/second.sieve
                  sieve_after = /etc/loft/sieve/after.sieve
                  sieve_default = /etc/loft/sieve/default.sieve
                  sieve_discard = /etc/loft/sieve/discard.sieve
                  sieve_global = /etc/loft/sieve/global/
                  sieve_extensions = +vacation-seconds +spamtest +spamtestplus +virustest -enotify
                  sieve_global_extensions = +vnd.dovecot.nothing
                  sieve_max_actions = 10
                  sieve_max_redirects = 0
                  sieve_vacation_min_period = 1h
                  sieve_vacation_default_period = 2d
                  sieve_vacation_max_period = 30d
                  sieve_vacation_dont_check_recipient = yes
                  sieve_redirect_envelope_from = orig_recipient
                  sieve_spamtest_status_type = score
                  sieve_spamtest_status_header = X-Spam-Score: ([0-9.]+)
                  sieve_spamtest_max_value = 5
                  sieve_virustest_status_type = text
                  sieve_virustest_status_header = X-Virus-Scan
                  sieve_virustest_text_value1 = clean
                  sieve_virustest_text_value5 = infected
                }
                """.replace("  sieve_global_extensions = +vnd.dovecot.nothing\n", ""));
        assertThat(s.before()).containsExactly("/etc/loft/sieve/before.d/", "/etc/loft/sieve/second.sieve");
        assertThat(s.after()).containsExactly("/etc/loft/sieve/after.sieve");
        assertThat(s.defaultScript()).isEqualTo("/etc/loft/sieve/default.sieve");
        assertThat(s.discard()).isEqualTo("/etc/loft/sieve/discard.sieve");
        assertThat(s.global()).isEqualTo("/etc/loft/sieve/global/");
        assertThat(s.extensions()).contains("vacation-seconds", "spamtest", "virustest").doesNotContain("enotify");
        assertThat(s.limits().maxActions()).isEqualTo(10);
        assertThat(s.limits().maxRedirects()).isEqualTo(Integer.MAX_VALUE);
        assertThat(s.limits().vacationMinPeriod()).isEqualTo(3600);
        assertThat(s.limits().vacationDefaultPeriod()).isEqualTo(2 * 86400);
        assertThat(s.limits().vacationMaxPeriod()).isEqualTo(30 * 86400);
        assertThat(s.vacation().dontCheckRecipient()).isTrue();
        assertThat(s.redirectEnvelopeFrom()).isEqualTo("orig_recipient");
        SieveMail spam = SieveMail.of("X-Spam-Score: 4.0 (high)\r\nX-Virus-Scan: infected\r\n\r\nx\r\n".getBytes());
        assertThat(s.spamtest().evaluate(spam, false)).isEqualTo("8");
        assertThat(s.spamtest().evaluate(spam, true)).isEqualTo("80");
        assertThat(s.virustest().evaluate(spam, false)).isEqualTo("5");
        SieveMail untested = SieveMail.of("Subject: x\r\n\r\nx\r\n".getBytes());
        assertThat(s.spamtest().evaluate(untested, false)).isEqualTo("0");
    }

    @Test
    void refusalsCarryFileAndLine() {
        for (var c : List.of(
                List.of("plugin {\n  sieve_extensions = +nosuch\n}\n", "2", "unknown Sieve extension 'nosuch'"),
                List.of("plugin {\n\n  sieve_extensions = +spamtest\n}\n", "3", "sieve_spamtest_status_header"),
                List.of("plugin {\n  sieve_extensions = +virustest\n}\n", "2", "sieve_virustest_status_header"),
                List.of("plugin {\n  sieve_redirect_envelope_from = bogus\n}\n", "2", "sieve_redirect_envelope_from"),
                List.of("plugin {\n  sieve_spamtest_status_header = X-Spam\n  sieve_spamtest_max_value = x\n}\n",
                        "3", "must be a number"),
                List.of("plugin {\n  sieve_user_log = ~/sieve.log\n}\n", "2", "sieve_user_log"))) {
            assertThatThrownBy(() -> bind(c.get(0))).as(c.get(0)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("loft.conf:" + c.get(1)).hasMessageContaining(c.get(2));
        }
    }
}
