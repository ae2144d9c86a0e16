package org.loftmail.testkit.storage;

import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.storage.MailStorageContract;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.Namespace;

/** The storage contract on the testkit's memory backend. */
class MemoryStorageTest extends MailStorageContract {

    @Override
    protected MailStorageProvider createProvider(List<MailboxSetting> mailboxes) {
        return new MemoryStorageProvider(List.of(Namespace.inbox('/', mailboxes)));
    }

    @Override
    protected String mailLocation(Path home) {
        return "memory:~/index";
    }
}
