package org.loftmail.core.storage;

import java.io.InputStream;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;

/** An existing mailbox of one user's storage. Cheap to get; holds no session state. */
public interface Mailbox {

    MailboxName name();

    Set<SpecialUse> specialUse();

    /**
     * The mailbox's GUID as the backend keeps it on disk (Maildir: dovecot-uidlist's G field), which doveadm prints
     * and dsync matches mailboxes by; empty when the backend keeps none.
     */
    default java.util.Optional<String> guid() throws MailStorageException {
        return java.util.Optional.empty();
    }

    /** STATUS values; reads the index only when nothing changed on disk. */
    MailboxStatus status() throws MailStorageException;

    /**
     * Opens a session view (SELECT/EXAMINE, or a POP3 snapshot). A writable view takes the \Recent messages
     * (Maildir moves them from new/ to cur/).
     */
    SelectedMailbox select(boolean readOnly) throws MailStorageException;

    /**
     * Saves one message durably (APPEND, delivery). The stream is read to its end and not closed; line ends are
     * stored as LF and counted as CRLF in the virtual size. Returns only after the message is on disk and
     * fsynced, visible under its UID. Checks quota first.
     *
     * @throws OverQuotaException when quota would be exceeded
     */
    AppendResult append(InputStream message, AppendRequest request) throws MailStorageException;

    /**
     * Starts an all-or-nothing batch of saves (MULTIAPPEND). Backends should override this; the default stages
     * each message in a temporary file and appends them one by one at commit, which is all-or-nothing except
     * for a crash during the commit itself.
     */
    default AppendTransaction beginAppend() throws MailStorageException {
        return new StagedAppendTransaction(this);
    }

    /** Registers an in-process listener for this mailbox's changes. */
    ListenerRegistration addListener(MailboxListener listener);
}
