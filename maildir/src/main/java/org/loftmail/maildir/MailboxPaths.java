package org.loftmail.maildir;

import java.nio.file.Path;

/** Where one mailbox lives: its Maildir (cur/new/tmp), its control files and Loft's index. */
public record MailboxPaths(Path mailDir, Path controlDir, Path indexDir) {
    public Path cur() {
        return mailDir.resolve("cur");
    }

    public Path newDir() {
        return mailDir.resolve("new");
    }

    public Path tmp() {
        return mailDir.resolve("tmp");
    }

    public Path uidlist() {
        return controlDir.resolve("dovecot-uidlist");
    }

    public Path uidlistLock() {
        return controlDir.resolve("dovecot-uidlist.lock");
    }

    public Path keywords() {
        return controlDir.resolve("dovecot-keywords");
    }
}
