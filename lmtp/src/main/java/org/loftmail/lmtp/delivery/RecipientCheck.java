package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.DeliveryRecipient;

/** The verdict on one recipient before the message arrives (LMTP's RCPT, lda's -d). */
public sealed interface RecipientCheck {

    record Accepted(DeliveryRecipient recipient) implements RecipientCheck {}

    /** No userdb knows the user: LMTP 550 5.1.1, lda EX_NOUSER. */
    record UnknownUser(String address) implements RecipientCheck {}

    /** {@code lmtp_rcpt_check_quota}: the user is already over quota. */
    record OverQuota(String address, boolean temporary) implements RecipientCheck {}

    /** The userdb or the storage could not answer now: LMTP 451 4.3.0, lda EX_TEMPFAIL. {@code reason} is for logs. */
    record TemporaryFailure(String address, String reason) implements RecipientCheck {}
}
