package org.loftmail.server;

import java.util.List;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;
import org.loftmail.mbox.MboxSettings;
import org.loftmail.mbox.MboxStorageProvider;

/**
 * The storage providers of this process. They live as long as the process, across reloads: a provider holds the
 * one in-memory state and change feed of each open mailbox, so a reload must not create a second one (an IDLE
 * session that began before a SIGHUP would then stop hearing deliveries made after it). A reload only hands the
 * providers the new namespaces and quota settings, which storage opened from then on uses.
 */
final class ProcessStorage implements AutoCloseable {

    private final MaildirStorageProvider maildir;
    private final MboxStorageProvider mbox;
    private final MailStorageRegistry registry;

    /** Providers with Dovecot's default namespace and no quota until {@link #reconfigure} gives the configured ones. */
    ProcessStorage() {
        this.maildir = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        this.mbox = new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS);
        // mail_location's scheme picks the provider: maildir:~/Maildir, mbox:~/mail:INBOX=/var/mail/%u
        this.registry = new MailStorageRegistry().register(maildir).register(mbox);
    }

    /** Storage opened after this call uses these settings; storage already open keeps the ones it opened with. */
    void reconfigure(List<Namespace> namespaces, QuotaSettings quota, MboxSettings mboxSettings) {
        maildir.reconfigure(namespaces, quota);
        mbox.reconfigure(namespaces, quota, mboxSettings);
    }

    MailStorageRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        maildir.close();
        mbox.close();
    }
}
