package org.loftmail.lmtp.delivery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * The settings the delivery path honours (15-lda.conf and 20-lmtp.conf), shared by LMTP and lda; bound by
 * {@link DeliverySettingsBinder}.
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
 * @param maxMessageSize         the SIZE advertised and enforced (quota_max_mail_size); 0 for no limit
 * @param quotaExceededMessage   quota_exceeded_message: the text of over-quota replies
 * @param userConcurrencyLimit   lmtp_user_concurrency_limit: parallel deliveries per user, 0 for no limit
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
        String quotaExceededMessage,
        int userConcurrencyLimit,
        List<String> mailPlugins) {

    /** lmtp_hdr_delivery_address. */
    public enum HdrDeliveryAddress {
        NONE, FINAL, ORIGINAL;

        public static HdrDeliveryAddress parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("lmtp_hdr_delivery_address",
                        "lmtp_hdr_delivery_address must be none, final or original, not '" + value + "'");
            }
        }
    }

    public DeliverySettings {
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank() || !hostname.matches("[A-Za-z0-9.\\-_\\[\\]:]+")) {
            throw new InvalidSettingException("hostname", "hostname is not a host name: " + hostname);
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
            throw new InvalidSettingException("quota_max_mail_size", "maximum message size must not be negative");
        }
        quotaExceededMessage = quotaExceededMessage == null || quotaExceededMessage.isBlank()
                ? "Quota exceeded (mailbox for user is full)" : quotaExceededMessage;
        if (userConcurrencyLimit < 0) {
            throw new InvalidSettingException("lmtp_user_concurrency_limit",
                    "lmtp_user_concurrency_limit must not be negative");
        }
        mailPlugins = List.copyOf(mailPlugins);
        for (String plugin : mailPlugins) {
            if (!plugin.equals("quota") && !plugin.equals("sieve") && !plugin.equals("imap_quota")) {
                throw new InvalidSettingException("mail_plugins", "mail_plugins: Loft has no plugin '" + plugin + "'");
            }
        }
    }

    /** Dovecot's defaults, with this host name and temp directory. */
    public static DeliverySettings defaults(String hostname, Path tempDir) {
        return builder(hostname, tempDir).build();
    }

    public static Builder builder(String hostname, Path tempDir) {
        return new Builder(hostname, tempDir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(hostname, tempDir);
        b.postmasterAddress = postmasterAddress;
        b.recipientDelimiter = recipientDelimiter;
        b.quotaFullTempfail = quotaFullTempfail;
        b.mailboxAutocreate = mailboxAutocreate;
        b.mailboxAutosubscribe = mailboxAutosubscribe;
        b.saveToDetailMailbox = saveToDetailMailbox;
        b.rcptCheckQuota = rcptCheckQuota;
        b.addReceivedHeader = addReceivedHeader;
        b.hdrDeliveryAddress = hdrDeliveryAddress;
        b.originalRecipientHeader = originalRecipientHeader;
        b.rejectionSubject = rejectionSubject;
        b.rejectionReason = rejectionReason;
        b.deliverLogFormat = deliverLogFormat;
        b.maxMessageSize = maxMessageSize;
        b.quotaExceededMessage = quotaExceededMessage;
        b.userConcurrencyLimit = userConcurrencyLimit;
        b.mailPlugins = mailPlugins;
        return b;
    }

    public boolean sieveEnabled() {
        return mailPlugins.contains("sieve");
    }

    /** Builds settings starting from Dovecot's defaults. */
    public static final class Builder {
        private final String hostname;
        private final Path tempDir;
        private String postmasterAddress = "postmaster@%d";
        private String recipientDelimiter = "+";
        private boolean quotaFullTempfail;
        private boolean mailboxAutocreate;
        private boolean mailboxAutosubscribe;
        private boolean saveToDetailMailbox;
        private boolean rcptCheckQuota;
        private boolean addReceivedHeader = true;
        private HdrDeliveryAddress hdrDeliveryAddress = HdrDeliveryAddress.FINAL;
        private String originalRecipientHeader = "";
        private String rejectionSubject;
        private String rejectionReason;
        private String deliverLogFormat;
        private long maxMessageSize;
        private String quotaExceededMessage;
        private int userConcurrencyLimit;
        private List<String> mailPlugins = List.of();

        private Builder(String hostname, Path tempDir) {
            this.hostname = hostname;
            this.tempDir = tempDir;
        }

        public Builder postmasterAddress(String v) { postmasterAddress = v; return this; }
        public Builder recipientDelimiter(String v) { recipientDelimiter = v; return this; }
        public Builder quotaFullTempfail(boolean v) { quotaFullTempfail = v; return this; }
        public Builder mailboxAutocreate(boolean v) { mailboxAutocreate = v; return this; }
        public Builder mailboxAutosubscribe(boolean v) { mailboxAutosubscribe = v; return this; }
        public Builder saveToDetailMailbox(boolean v) { saveToDetailMailbox = v; return this; }
        public Builder rcptCheckQuota(boolean v) { rcptCheckQuota = v; return this; }
        public Builder addReceivedHeader(boolean v) { addReceivedHeader = v; return this; }
        public Builder hdrDeliveryAddress(HdrDeliveryAddress v) { hdrDeliveryAddress = v; return this; }
        public Builder originalRecipientHeader(String v) { originalRecipientHeader = v; return this; }
        public Builder rejectionSubject(String v) { rejectionSubject = v; return this; }
        public Builder rejectionReason(String v) { rejectionReason = v; return this; }
        public Builder deliverLogFormat(String v) { deliverLogFormat = v; return this; }
        public Builder maxMessageSize(long v) { maxMessageSize = v; return this; }
        public Builder quotaExceededMessage(String v) { quotaExceededMessage = v; return this; }
        public Builder userConcurrencyLimit(int v) { userConcurrencyLimit = v; return this; }
        public Builder mailPlugins(List<String> v) { mailPlugins = v; return this; }

        public DeliverySettings build() {
            return new DeliverySettings(hostname, postmasterAddress, recipientDelimiter, quotaFullTempfail,
                    mailboxAutocreate, mailboxAutosubscribe, saveToDetailMailbox, rcptCheckQuota, addReceivedHeader,
                    hdrDeliveryAddress, originalRecipientHeader, rejectionSubject, rejectionReason, deliverLogFormat,
                    tempDir, maxMessageSize, quotaExceededMessage, userConcurrencyLimit, mailPlugins);
        }
    }
}
