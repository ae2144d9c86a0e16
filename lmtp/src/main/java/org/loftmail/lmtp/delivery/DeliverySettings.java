package org.loftmail.lmtp.delivery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings the delivery path honours (15-lda.conf and 20-lmtp.conf), shared by LMTP and lda.
 *
 * @param hostname               the name in Received headers and rejection reports (Dovecot's hostname)
 * @param postmasterAddress      postmaster_address: From of rejection reports; {@code %d} is the recipient's domain
 * @param recipientDelimiter     recipient_delimiter: characters that start the detail part, empty for none
 * @param quotaFullTempfail      quota_full_tempfail: over quota is 452 4.2.2 instead of 552 5.2.2
 * @param mailboxAutocreate      lda_mailbox_autocreate: create a missing target mailbox
 * @param mailboxAutosubscribe   lda_mailbox_autosubscribe: subscribe what autocreate made
 * @param saveToDetailMailbox    lmtp_save_to_detail_mailbox: keep into the mailbox named by the detail
 * @param rcptCheckQuota         lmtp_rcpt_check_quota: refuse RCPT of a user already over quota
 * @param addReceivedHeader      lmtp_add_received_header
 * @param hdrDeliveryAddress     lmtp_hdr_delivery_address: the address in Delivered-To and Received's "for"
 * @param originalRecipientHeader lda_original_recipient_header: lda reads the original recipient from it
 * @param rejectionSubject       rejection_subject ({@code %s} the original subject)
 * @param rejectionReason        rejection_reason ({@code %t} recipient, {@code %r} reason, {@code %s} subject,
 *                               {@code %n} newline)
 * @param deliverLogFormat       deliver_log_format ({@code %m} msgid, {@code %s} subject, {@code %f} From,
 *                               {@code %e} envelope sender, {@code %p} size, {@code %$} what happened)
 * @param tempDir                where messages larger than 128 KiB wait while they are delivered
 * @param maxMessageSize         the SIZE advertised and enforced; 0 for no limit
 * @param mailPlugins            mail_plugins of the lmtp/lda protocol (quota, sieve)
 */
public record DeliverySettings(
        String hostname,
        String postmasterAddress,
        String recipientDelimiter,
        boolean quotaFullTempfail,
        boolean mailboxAutocreate,
        boolean mailboxAutosubscribe,
        boolean saveToDetailMailbox,
        boolean rcptCheckQuota,
        boolean addReceivedHeader,
        HdrDeliveryAddress hdrDeliveryAddress,
        String originalRecipientHeader,
        String rejectionSubject,
        String rejectionReason,
        String deliverLogFormat,
        Path tempDir,
        long maxMessageSize,
        List<String> mailPlugins) {

    /** lmtp_hdr_delivery_address. */
    public enum HdrDeliveryAddress {
        NONE, FINAL, ORIGINAL;

        public static HdrDeliveryAddress parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "lmtp_hdr_delivery_address must be none, final or original, not '" + value + "'");
            }
        }
    }

    public DeliverySettings {
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank() || !hostname.matches("[A-Za-z0-9.\\-_\\[\\]:]+")) {
            throw new IllegalArgumentException("hostname is not a host name: " + hostname);
        }
        Objects.requireNonNull(postmasterAddress, "postmaster_address");
        recipientDelimiter = recipientDelimiter == null ? "" : recipientDelimiter;
        Objects.requireNonNull(hdrDeliveryAddress, "lmtp_hdr_delivery_address");
        originalRecipientHeader = originalRecipientHeader == null ? "" : originalRecipientHeader.trim();
        rejectionSubject = rejectionSubject == null ? "Rejected: %s" : rejectionSubject;
        rejectionReason = rejectionReason == null
                ? "Your message to <%t> was automatically rejected:%n%r" : rejectionReason;
        deliverLogFormat = deliverLogFormat == null || deliverLogFormat.isEmpty() ? "msgid=%m: %$" : deliverLogFormat;
        Objects.requireNonNull(tempDir, "tempDir");
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maximum message size must not be negative");
        }
        mailPlugins = List.copyOf(mailPlugins);
        for (String plugin : mailPlugins) {
            if (!plugin.equals("quota") && !plugin.equals("sieve") && !plugin.equals("imap_quota")) {
                throw new IllegalArgumentException("mail_plugins: Loft has no plugin '" + plugin + "'");
            }
        }
    }

    /** Dovecot's defaults, with this host name and temp directory. */
    public static DeliverySettings defaults(String hostname, Path tempDir) {
        return new DeliverySettings(hostname, "postmaster@%d", "+", false, false, false, false, false, true,
                HdrDeliveryAddress.FINAL, "", null, null, null, tempDir, 0, List.of());
    }

    public boolean sieveEnabled() {
        return mailPlugins.contains("sieve");
    }

    public DeliverySettings withMailPlugins(List<String> plugins) {
        return new DeliverySettings(hostname, postmasterAddress, recipientDelimiter, quotaFullTempfail,
                mailboxAutocreate, mailboxAutosubscribe, saveToDetailMailbox, rcptCheckQuota, addReceivedHeader,
                hdrDeliveryAddress, originalRecipientHeader, rejectionSubject, rejectionReason, deliverLogFormat,
                tempDir, maxMessageSize, plugins);
    }
}
