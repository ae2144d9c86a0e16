package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.DeliverySettingsBinder;

class LmtpConfigurationTest {

    @TempDir
    Path temp;

    private LoftConfig config(String text) throws Exception {
        Path file = temp.resolve("dovecot.conf");
        Files.writeString(file, text);
        return LoftConfig.load(file);
    }

    @Test
    void dovecotsDefaults() throws Exception {
        DeliverySettings s = DeliverySettingsBinder.bind(config("hostname = mx.example.com\n").settings("lmtp"));
        assertThat(s.hostname()).isEqualTo("mx.example.com");
        assertThat(s.recipientDelimiter()).isEqualTo("+");
        assertThat(s.postmasterAddress()).isEqualTo("postmaster@%d");
        assertThat(s.addReceivedHeader()).isTrue();
        assertThat(s.quotaFullTempfail()).isFalse();
        assertThat(s.hdrDeliveryAddress()).isEqualTo(DeliverySettings.HdrDeliveryAddress.FINAL);
        assertThat(s.maxMessageSize()).isZero();
        assertThat(s.quotaExceededMessage()).isEqualTo("Quota exceeded (mailbox for user is full)");
        assertThat(s.tempDir()).isEqualTo(Path.of("/tmp"));
    }

    @Test
    void protocolFiltersApplyToLmtpAndLdaSeparately() throws Exception {
        LoftConfig config = config("""
                hostname = mx.example.com
                mail_plugins = quota
                recipient_delimiter = +-
                quota_full_tempfail = yes
                lda_mailbox_autocreate = yes
                lda_mailbox_autosubscribe = yes
                lmtp_hdr_delivery_address = original
                plugin {
                  quota_max_mail_size = 10M
                  quota_exceeded_message = Mailbox full
                }
                protocol lmtp {
                  mail_plugins = $mail_plugins sieve
                  lmtp_save_to_detail_mailbox = yes
                  lmtp_rcpt_check_quota = yes
                  lmtp_add_received_header = no
                }
                """);
        DeliverySettings lmtp = DeliverySettingsBinder.bind(config.settings("lmtp"));
        assertThat(lmtp.mailPlugins()).containsExactly("quota", "sieve");
        assertThat(lmtp.sieveEnabled()).isTrue();
        assertThat(lmtp.saveToDetailMailbox()).isTrue();
        assertThat(lmtp.rcptCheckQuota()).isTrue();
        assertThat(lmtp.addReceivedHeader()).isFalse();
        assertThat(lmtp.recipientDelimiter()).isEqualTo("+-");
        assertThat(lmtp.quotaFullTempfail()).isTrue();
        assertThat(lmtp.mailboxAutocreate()).isTrue();
        assertThat(lmtp.mailboxAutosubscribe()).isTrue();
        assertThat(lmtp.hdrDeliveryAddress()).isEqualTo(DeliverySettings.HdrDeliveryAddress.ORIGINAL);
        assertThat(lmtp.maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(lmtp.quotaExceededMessage()).isEqualTo("Mailbox full");

        DeliverySettings lda = DeliverySettingsBinder.bind(config.settings("lda"));
        assertThat(lda.mailPlugins()).containsExactly("quota");
        assertThat(lda.saveToDetailMailbox()).isFalse();

        LmtpSettings protocol = LmtpSettingsBinder.bind(config.settings("lmtp"));
        assertThat(protocol.hostname()).isEqualTo("mx.example.com");
        assertThat(protocol.greeting()).isEqualTo("Loft ready.");
    }

    @Test
    void submissionHostSendsThroughTheSmtpClientAndABadPortIsRefusedAtItsLine() throws Exception {
        assertThat(LmtpConfiguration.mailSender(config("submission_host = smtp.example.com:587\n").settings("lmtp")))
                .isInstanceOf(org.loftmail.smtp.client.SmtpSender.class);
        assertThat(LmtpConfiguration.mailSender(config("submission_host = smtp.example.com\n").settings("lmtp")))
                .isInstanceOf(org.loftmail.smtp.client.SmtpSender.class);
        LoftConfig bad = config("\nsubmission_host = smtp.example.com:smtp\n");
        assertThatThrownBy(() -> LmtpConfiguration.mailSender(bad.settings("lmtp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dovecot.conf:2")
                .hasMessageContaining("submission_host");
        assertThat(LmtpConfiguration.mailSender(config("").settings("lmtp")))
                .isInstanceOf(org.loftmail.lmtp.delivery.SendmailSender.class);
    }
}
