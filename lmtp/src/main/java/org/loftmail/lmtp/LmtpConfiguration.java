package org.loftmail.lmtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.loftmail.core.config.SettingType;
import org.loftmail.core.config.Settings;
import org.loftmail.lmtp.delivery.DeliverySettings;

/**
 * Binds the configuration to LMTP's and the delivery's settings. Pass the settings resolved for the protocol that
 * delivers: {@code config.settings("lmtp")} for the LMTP service, {@code config.settings("lda")} for lda, so that
 * {@code protocol lmtp { mail_plugins = … }} blocks apply.
 */
public final class LmtpConfiguration {

    private LmtpConfiguration() {}

    public static LmtpSettings lmtpSettings(Settings settings) {
        LmtpSettings defaults = LmtpSettings.defaults(hostname(settings));
        return new LmtpSettings(defaults.hostname(), settings.string("login_greeting"), defaults.maxLineLength(),
                defaults.idleTimeout(), defaults.maxRecipients());
    }

    public static DeliverySettings deliverySettings(Settings settings) {
        try {
            long maxSize = 0;
            String quotaMax = settings.plugin("quota_max_mail_size");
            if (!quotaMax.isBlank()) {
                maxSize = SettingType.parseSize(quotaMax);
            }
            return DeliverySettings.builder(hostname(settings), Path.of(settings.string("mail_temp_dir")))
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
                    .maxMessageSize(maxSize)
                    .quotaExceededMessage(settings.plugin("quota_exceeded_message"))
                    .userConcurrencyLimit((int) Math.min(Integer.MAX_VALUE, settings.uint("lmtp_user_concurrency_limit")))
                    .mailPlugins(settings.list("mail_plugins"))
                    .build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String key = message.startsWith("mail_plugins") ? "mail_plugins"
                    : message.startsWith("lmtp_hdr_delivery_address") ? "lmtp_hdr_delivery_address"
                    : message.startsWith("hostname") ? "hostname" : "mail_temp_dir";
            throw settings.invalid(key, message);
        }
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
