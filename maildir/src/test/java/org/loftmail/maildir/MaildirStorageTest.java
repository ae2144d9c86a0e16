package org.loftmail.maildir;

import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.storage.MailStorageContract;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.quota.QuotaSettings;

/** The storage contract on Maildir++ layout. */
class MaildirStorageTest extends MailStorageContract {

    @Override
    protected MailStorageProvider createProvider(List<MailboxSetting> mailboxes) {
        return new MaildirStorageProvider(List.of(Namespace.inbox('/', mailboxes)), QuotaSettings.NONE);
    }

    @Override
    protected String mailLocation(Path home) {
        return "maildir:~/Maildir";
    }
}
