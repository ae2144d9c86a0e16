package org.loftmail.lmtp;

import org.loftmail.core.config.Settings;
import org.loftmail.auth.AuthService;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.lmtp.delivery.AuthRecipientDirectory;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.DeliverySettingsBinder;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.lmtp.delivery.SendmailSender;

/**
 * Builds the delivery path from the configuration (its settings through {@link DeliverySettingsBinder}). Pass the
 * settings resolved for the protocol that delivers: {@code config.settings("lmtp")} for the LMTP service,
 * {@code config.settings("lda")} for lda, so that {@code protocol lmtp { mail_plugins = … }} blocks apply.
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
        DeliverySettings delivery = DeliverySettingsBinder.bind(settings);
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
}
