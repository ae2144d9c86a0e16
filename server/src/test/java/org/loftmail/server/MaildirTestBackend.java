package org.loftmail.server;

import java.util.List;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;
import org.loftmail.testkit.storage.TestBackend;

/**
 * Maildir as a backend for the protocol modules' test harnesses: their scripts and Maildir-specific tests run
 * here, in server's tests, because the protocol modules themselves do not depend on any backend.
 */
public final class MaildirTestBackend {

    private MaildirTestBackend() {}

    /** {@code maildir:~/Maildir}, Maildir++ layout, no quota. */
    public static final TestBackend MAILDIR = new TestBackend("maildir",
            () -> new MaildirStorageProvider(List.of(), QuotaSettings.NONE), home -> "maildir:" + home.resolve("Maildir"));
}
