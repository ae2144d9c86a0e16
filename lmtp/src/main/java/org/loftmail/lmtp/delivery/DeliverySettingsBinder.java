package org.loftmail.lmtp.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;

/**
 * Binds the delivery path's settings (docs/adr/0103). Pass the settings resolved for the protocol that delivers:
 * {@code config.settings("lmtp")} for the LMTP service, {@code config.settings("lda")} for lda, so that
 * {@code protocol lmtp { mail_plugins = … }} blocks apply. Errors read {@code "key: problem"} at the key's line.
 */
public final class DeliverySettingsBinder {

    private DeliverySettingsBinder() {}

    public static DeliverySettings bind(Settings settings) {
        return SettingsBinding.bind(settings, () -> {
            try {
                Path tempDir = SettingsBinding.read("mail_temp_dir", () -> Path.of(settings.string("mail_temp_dir")));
                return DeliverySettings.builder(hostname(settings), tempDir)
                        .postmasterAddress(settings.string("postmaster_address"))
                        .recipientDelimiter(settings.string("recipient_delimiter"))
                        .quotaFullTempfail(settings.bool("quota_full_tempfail"))
                        .mailboxAutocreate(settings.bool("lda_mailbox_autocreate"))
                        .mailboxAutosubscribe(settings.bool("lda_mailbox_autosubscribe"))
                        .saveToDetailMailbox(settings.bool("lmtp_save_to_detail_mailbox"))
                        .rcptCheckQuota(settings.bool("lmtp_rcpt_check_quota"))
                        .addReceivedHeader(settings.bool("lmtp_add_received_header"))
                        .hdrDeliveryAddress(DeliverySettings.HdrDeliveryAddress.parse(
                                settings.string("lmtp_hdr_delivery_address")))
                        .originalRecipientHeader(settings.string("lda_original_recipient_header"))
                        .rejectionSubject(settings.string("rejection_subject"))
                        .rejectionReason(settings.string("rejection_reason"))
                        .deliverLogFormat(settings.string("deliver_log_format"))
                        .maxMessageSize(settings.pluginSize("quota_max_mail_size"))
                        .quotaExceededMessage(settings.plugin("quota_exceeded_message"))
                        .userConcurrencyLimit(
                                (int) Math.min(Integer.MAX_VALUE, settings.uint("lmtp_user_concurrency_limit")))
                        .mailPlugins(settings.list("mail_plugins"))
                        .build();
            } catch (InvalidSettingException e) {
                // the delivery path's errors have always read "key: problem"
                throw new InvalidSettingException(e.key(), e.key() + ": " + e.getMessage());
            }
        });
    }

    /** Dovecot's {@code hostname} setting, else the system's host name. */
    public static String hostname(Settings settings) {
        String configured = settings.string("hostname");
        if (!configured.isBlank()) {
            return configured.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
