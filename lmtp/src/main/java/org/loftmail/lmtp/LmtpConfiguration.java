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
import org.loftmail.smtp.client.RelaySettings;
import org.loftmail.smtp.client.SmtpSender;

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

    /**
     * Where redirects, vacation replies and rejections go: {@code submission_host} ({@code host[:port]}, port 25 by
     * default) over SMTP through the smtp module's client when it is set, as Dovecot prefers it; else
     * sendmail_path.
     */
    public static MailSender mailSender(Settings settings) {
        String submissionHost = settings.string("submission_host").trim();
        if (!submissionHost.isEmpty()) {
            return new SmtpSender(submissionHostRelay(settings, submissionHost));
        }
        String sendmail = settings.string("sendmail_path");
        return sendmail.isBlank() ? MailSender.NONE : new SendmailSender(sendmail);
    }

    private static RelaySettings submissionHostRelay(Settings settings, String value) {
        String host = value;
        int port = 25;
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) { // one colon: host:port (an IPv6 literal has several)
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw settings.invalid("submission_host", "bad port in " + value);
            }
        }
        try {
            return RelaySettings.plain(host, port, DeliverySettingsBinder.hostname(settings));
        } catch (IllegalArgumentException e) {
            throw settings.invalid("submission_host", e.getMessage());
        }
    }
}
