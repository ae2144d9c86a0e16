package org.loftmail.core.delivery;

import java.util.List;
import java.util.Objects;
import org.loftmail.core.mail.Flags;

/**
 * One thing to do with a recipient's copy, as a filter (Sieve) decides. Mailbox names are as a client writes them
 * (namespace prefix and separator included, e.g. {@code Work/Projects}), in UTF-8, not modified UTF-7.
 */
public sealed interface DeliveryAction {

    /** Save to the default mailbox (INBOX, lda's -m, or the detail mailbox) with these flags (Sieve keep). */
    record Keep(Flags flags) implements DeliveryAction {
        public Keep {
            Objects.requireNonNull(flags, "flags");
        }
    }

    /**
     * Save into {@code mailbox} (Sieve fileinto). {@code create} (RFC 5490 {@code :create}) makes the mailbox when
     * missing; otherwise a missing mailbox is created only with {@code lda_mailbox_autocreate}, and failing that the
     * copy goes to INBOX, as Pigeonhole does.
     */
    record FileInto(String mailbox, Flags flags, boolean create) implements DeliveryAction {
        public FileInto {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(flags, "flags");
        }
    }

    /** Drop the copy (Sieve discard). */
    record Discard() implements DeliveryAction {}

    /**
     * Send the message on to {@code address} unchanged (Sieve redirect), from {@code envelopeFrom} ({@code ""} for
     * {@code <>}), or with the original envelope sender when it is null (sieve_redirect_envelope_from = sender).
     * {@code onSent} runs once the MTA took it (the filter's record that this message was forwarded).
     */
    record Redirect(String address, String envelopeFrom, Runnable onSent) implements DeliveryAction {
        public Redirect {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(onSent, "onSent");
        }

        public Redirect(String address, String envelopeFrom) {
            this(address, envelopeFrom, NOTHING);
        }

        public Redirect(String address) {
            this(address, null);
        }
    }

    /**
     * Refuse the message (Sieve reject/ereject). With {@code atProtocolLevel} (ereject) the MTA is answered 550 5.7.1
     * with the reason; otherwise the delivery succeeds and a rejection message goes back to the envelope sender.
     */
    record Reject(String reason, boolean atProtocolLevel) implements DeliveryAction {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Send a new message (Sieve vacation, enotify): {@code envelopeFrom} ({@code ""} for {@code <>}), the envelope
     * recipients and the complete message. A failure is logged and does not change what else happens.
     * {@code onSent} runs once the MTA took the message (vacation records its reply then, not before).
     */
    record Send(String envelopeFrom, List<String> recipients, byte[] message, Runnable onSent)
            implements DeliveryAction {
        public Send(String envelopeFrom, List<String> recipients, byte[] message) {
            this(envelopeFrom, recipients, message, NOTHING);
        }

        public Send {
            Objects.requireNonNull(envelopeFrom, "envelopeFrom");
            Objects.requireNonNull(onSent, "onSent");
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("a message to send needs a recipient");
            }
            message = message.clone();
        }
    }

    /**
     * The header a filter edited (Sieve editheader, RFC 5293): every later save and redirect of this copy uses
     * {@code header} (the complete header block, CRLF line ends, ending with the empty line) before the original
     * body. Trace headers the delivery adds still come first.
     */
    record ReplaceHeader(byte[] header) implements DeliveryAction {
        public ReplaceHeader {
            header = header.clone();
        }
    }

    /** The {@code onSent} of an action that needs no bookkeeping. */
    Runnable NOTHING = () -> {};

    Keep KEEP = new Keep(Flags.NONE);
    Discard DISCARD = new Discard();
}
