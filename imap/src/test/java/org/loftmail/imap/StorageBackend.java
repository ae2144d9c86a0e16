package org.loftmail.imap;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;

/** The storage backends the IMAP tests run against; add mbox here when its provider lands. */
enum StorageBackend {
    MAILDIR(() -> new MaildirStorageProvider(List.of(), QuotaSettings.NONE)) {
        @Override
        String mailLocation(Path home) {
            return "maildir:" + home.resolve("Maildir");
        }
    };

    private final Supplier<MailStorageProvider> provider;

    StorageBackend(Supplier<MailStorageProvider> provider) {
        this.provider = provider;
    }

    MailStorageProvider newProvider() {
        return provider.get();
    }

    abstract String mailLocation(Path home);
}
