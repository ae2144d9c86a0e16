package org.loftmail.pop3.maildrop;

/**
 * The counters of Dovecot's {@code pop3_logout_format}: TOP and RETR commands and the bytes they sent (status line
 * and dot-stuffed content, without the final "."), messages deleted, and the mailbox as it was at login.
 */
public final class LogoutStats {

    private long topCount;
    private long topBytes;
    private long retrCount;
    private long retrBytes;
    private long deletedCount;
    private long deletedBytes;
    private final long messageCount;
    private final long mailboxSize;

    public LogoutStats(long messageCount, long mailboxSize) {
        this.messageCount = messageCount;
        this.mailboxSize = mailboxSize;
    }

    public void top(long bytes) {
        topCount++;
        topBytes += bytes;
    }

    public void retr(long bytes) {
        retrCount++;
        retrBytes += bytes;
    }

    public void deleted(long count, long bytes) {
        deletedCount = count;
        deletedBytes = bytes;
    }

    public long topCount() {
        return topCount;
    }

    public long topBytes() {
        return topBytes;
    }

    public long retrCount() {
        return retrCount;
    }

    public long retrBytes() {
        return retrBytes;
    }

    public long deletedCount() {
        return deletedCount;
    }

    public long deletedBytes() {
        return deletedBytes;
    }

    public long messageCount() {
        return messageCount;
    }

    public long mailboxSize() {
        return mailboxSize;
    }
}
