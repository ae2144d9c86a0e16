package org.loftmail.lmtp.delivery;

import java.util.List;

/** What became of one recipient's copy. Only {@link Delivered} and {@link Discarded} mean "done, forget it". */
public sealed interface DeliveryOutcome {

    /** Saved durably into these mailboxes (or handed on by redirect, which is listed as "redirect to <x>"). */
    record Delivered(List<String> places) implements DeliveryOutcome {}

    /** The filter dropped the message on purpose (Sieve discard, reject with a null sender). */
    record Discarded() implements DeliveryOutcome {}

    /** The filter refused the message at protocol level (Sieve ereject): LMTP 550 5.7.1, lda EX_NOPERM. */
    record Rejected(String reason) implements DeliveryOutcome {}

    /** Quota exceeded: 552 5.2.2 (or 452 4.2.2 with quota_full_tempfail), lda EX_NOPERM/EX_TEMPFAIL. */
    record OverQuota(boolean temporary) implements DeliveryOutcome {}

    /** Could not save now; the MTA should retry: 451 4.3.0, lda EX_TEMPFAIL. */
    record TemporaryFailure(String reason) implements DeliveryOutcome {}

    /** The message can never be saved (too large, broken): 552/554 5.x, lda EX_DATAERR. */
    record PermanentFailure(String enhanced, String reason) implements DeliveryOutcome {}
}
