package org.loftmail.core.storage;

/**
 * STATUS values (RFC 3501 6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE): message count, \Recent count,
 * UIDNEXT, UIDVALIDITY, count without \Seen, HIGHESTMODSEQ, SIZE as the sum of the messages' virtual (CRLF)
 * sizes, and the number of messages with \Deleted.
 */
public record MailboxStatus(
        long messages, long recent, long uidNext, long uidValidity, long unseen, long highestModSeq, long size, long deleted) {}
