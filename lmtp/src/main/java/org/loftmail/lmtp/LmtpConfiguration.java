package org.loftmail.lmtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.loftmail.core.config.SettingType;
import org.loftmail.core.config.Settings;
import org.loftmail.auth.AuthService;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.lmtp.delivery.AuthRecipientDirectory;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.lmtp.delivery.SendmailSender;

/**
 * Binds the configuration to LMTP's and the delivery's settings. Pass the settings resolved for the protocol that
 * delivers: {@code config.settings("lmtp")} for the LMTP service, {@code config.settings("lda")} for lda, so that
 * {@code protocol lmtp { mail_plugins = … }} blocks apply.
 */
public final class LmtpConfiguration {

    private LmtpConfiguration() {}

    /**
     * The whole delivery path for one protocol, as the server wires it:
     * {@code mailDelivery(config.settings("lmtp"), "lmtp", auth, info -> userStorage.storageUser(info, "lmtp"),
     * registry, DeliveryFilter.KEEP_ALL, "")}. Redirects and rejections go out through sendmail_path.
     *
     * @param filter     the Sieve engine once it exists; {@link DeliveryFilter#KEEP_ALL} until then
     * @param filterName "sieve" for the Sieve engine (log prefix), "" for none
     */
    public static MailDelivery mailDelivery(Settings settings, String service, AuthService auth,
            AuthRecipientDirectory.StorageMapping mapping, MailStorageRegistry storages, DeliveryFilter filter,
            String filterName) {
        DeliverySettings delivery = deliverySettings(settings);
        return new MailDelivery(new AuthRecipientDirectory(auth, service, mapping), storages, delivery, filter,
                filterName, mailSender(settings));
    }

    /** sendmail_path (submission_host, Dovecot's SMTP alternative, is refused until Loft has an SMTP client). */
    public static MailSender mailSender(Settings settings) {
        if (!settings.string("submission_host").isBlank()) {
            throw settings.invalid("submission_host",
                    "Loft cannot send through submission_host yet; leave it empty and set sendmail_path");
        }
        String sendmail = settings.string("sendmail_path");
        return sendmail.isBlank() ? MailSender.NONE : new SendmailSender(sendmail);
    }

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
