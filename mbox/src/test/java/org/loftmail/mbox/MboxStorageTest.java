package org.loftmail.mbox;

import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.storage.MailStorageContract;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.quota.QuotaSettings;

/** The storage contract on mbox, with INBOX as a spool file outside the folder root (as /var/mail/%u is). */
class MboxStorageTest extends MailStorageContract {

    @Override
    protected MailStorageProvider createProvider(List<MailboxSetting> mailboxes) {
        return new MboxStorageProvider(List.of(Namespace.inbox('/', mailboxes)), QuotaSettings.NONE, MboxSettings.DEFAULTS);
    }

    @Override
    protected String mailLocation(Path home) {
        return "mbox:~/mail:INBOX=" + home.resolve("spool/jsmith");
    }
}
