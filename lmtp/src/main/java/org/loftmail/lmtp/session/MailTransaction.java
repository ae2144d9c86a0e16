package org.loftmail.lmtp.session;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.lmtp.delivery.DeliveryRecipient;
import org.loftmail.lmtp.delivery.MessageSpool;

/** One MAIL … DATA/BDAT LAST transaction: the sender, the accepted recipients in order, and the arriving message. */
public final class MailTransaction {

    private final String sender;
    private final long sizeHint;
    private final List<DeliveryRecipient> recipients = new ArrayList<>();
    private MessageSpool spool;
    private boolean chunked;
    private boolean failedChunk;
    private boolean lineTooLong;
    private boolean spoolFailed;

    MailTransaction(String sender, long sizeHint) {
        this.sender = sender;
        this.sizeHint = sizeHint;
    }

    public String sender() {
        return sender;
    }

    public long sizeHint() {
        return sizeHint;
    }

    public List<DeliveryRecipient> recipients() {
        return recipients;
    }

    public void addRecipient(DeliveryRecipient recipient) {
        recipients.add(recipient);
    }

    MessageSpool spool() {
        return spool;
    }

    void spool(MessageSpool spool) {
        this.spool = spool;
    }

    /** BDAT was used: DATA may not follow. */
    public boolean chunked() {
        return chunked;
    }

    void chunked(boolean chunked) {
        this.chunked = chunked;
    }

    /** An earlier BDAT failed: RFC 3030 says the rest of the transaction gets 503 until RSET. */
    public boolean failedChunk() {
        return failedChunk;
    }

    void failedChunk(boolean failed) {
        this.failedChunk = failed;
    }

    boolean lineTooLong() {
        return lineTooLong;
    }

    void lineTooLong(boolean tooLong) {
        this.lineTooLong = tooLong;
    }

    /** Writing the spool failed (disk full): the message cannot be taken, the data is read and dropped. */
    boolean spoolFailed() {
        return spoolFailed;
    }

    void spoolFailed(boolean failed) {
        this.spoolFailed = failed;
    }

    /** Forgets the message (temp file included). */
    void discardMessage() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}
