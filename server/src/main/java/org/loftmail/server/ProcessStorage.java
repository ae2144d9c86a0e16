package org.loftmail.server;

import java.util.List;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;

/**
 * The storage providers of this process. They live as long as the process, across reloads: a provider holds the
 * one in-memory state and change feed of each open mailbox, so a reload must not create a second one (an IDLE
 * session that began before a SIGHUP would then stop hearing deliveries made after it). A reload only hands the
 * providers the new namespaces and quota settings, which storage opened from then on uses.
 */
final class ProcessStorage implements AutoCloseable {

    private final MaildirStorageProvider maildir;
    private final MailStorageRegistry registry;

    /** Providers with Dovecot's default namespace and no quota until {@link #reconfigure} gives the configured ones. */
    ProcessStorage() {
        this.maildir = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        this.registry = new MailStorageRegistry().register(maildir);
    }

    /** Storage opened after this call uses these settings; storage already open keeps the ones it opened with. */
    void reconfigure(List<Namespace> namespaces, QuotaSettings quota) {
        maildir.reconfigure(namespaces, quota);
    }

    MailStorageRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        maildir.close();
    }
}
