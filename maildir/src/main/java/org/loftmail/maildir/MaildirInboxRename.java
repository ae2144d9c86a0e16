package org.loftmail.maildir;

import java.util.Set;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.SelectedMailbox;

/** RFC 3501 6.3.5: renaming INBOX moves all its messages into the new mailbox and leaves INBOX empty. */
final class MaildirInboxRename {

    private MaildirInboxRename() {}

    static void run(MaildirStorage storage, MailboxName to) throws MailStorageException {
        storage.create(to, Set.of());
        Mailbox target = storage.mailbox(to);
        try (SelectedMailbox inbox = storage.mailbox(MailboxName.INBOX).select(false)) {
            if (inbox.count() > 0) inbox.move(inbox.uids(), target);
        }
    }
}
