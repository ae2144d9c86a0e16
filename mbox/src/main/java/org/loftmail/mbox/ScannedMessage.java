package org.loftmail.mbox;

import java.util.List;
import org.loftmail.core.mail.Flags;

/**
 * One message as {@link MboxScanner} found it: where its parts are in the file, what Dovecot's hidden headers say,
 * and the size a client sees (the header without the hidden fields, then the body; LF line ends, and with CR LF).
 */
final class ScannedMessage {
    /** Offset of the {@code From } line (of the first header line when the file lacks one). */
    long from;
    /** Null when the file does not start with a {@code From } line (damage): the message has no envelope. */
    FromLine fromLine;
    long header;
    long body;
    /** End of the message's content, exclusive; the separator LF (if any) is at {@code end}. */
    long end;
    /** Where the next message starts (or the end of the file). */
    long next;

    long uid = -1;
    String status;
    String xStatus;
    List<String> keywords;
    long contentLength = -1;
    /** X-IMAPbase (or X-IMAP on the placeholder): null when absent. */
    Base base;
    boolean pseudo;

    /** Dovecot's header MD5 ({@link HeaderMd5}): the GUID, and POP3's {@code %m}. */
    String headerMd5 = "d41d8cd98f00b204e9800998ecf8427e";

    /**
     * The run of hidden header lines that ends the header (Dovecot's and Loft's block), {@code [blockStart,
     * blockEnd)}; -1 when the hidden fields are not together at the end. Flags are rewritten there in place.
     */
    long blockStart = -1;
    long blockEnd = -1;
    boolean blockCrLf;

    long servedSize;
    long virtualSize;

    /** X-IMAPbase / X-IMAP: UIDVALIDITY, the last UID, keywords, and where the 10 UID digits are (-1: not rewritable). */
    record Base(long uidValidity, long lastUid, List<String> keywords, long lastUidOffset) {}

    Flags flags() {
        return DovecotHeaders.flags(status, xStatus, keywords);
    }

    boolean recent() {
        return status == null || status.indexOf('O') < 0;
    }

    MboxSpan span() {
        return new MboxSpan(from, header, body, end);
    }
}
