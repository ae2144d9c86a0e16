package org.loftmail.mbox;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** A provider and storage on {@code mbox:<dir>/mail:INBOX=<dir>/spool/jsmith} for the mbox tests. */
final class MboxFixture implements AutoCloseable {

    final Path dir;
    final Path inbox;
    final Path mail;
    MboxStorageProvider provider;
    MailStorage storage;

    MboxFixture(Path dir) throws Exception {
        this(dir, MboxSettings.DEFAULTS);
    }

    MboxFixture(Path dir, MboxSettings settings) throws Exception {
        this.dir = dir;
        this.inbox = dir.resolve("spool/jsmith");
        this.mail = dir.resolve("mail");
        java.nio.file.Files.createDirectories(inbox.getParent());
        provider = new MboxStorageProvider(List.of(), QuotaSettings.NONE, settings);
        storage = open();
    }

    String location() {
        return "mbox:" + mail + ":INBOX=" + inbox;
    }

    MailStorage open() throws MailStorageException {
        return provider.open(StorageUser.of("jsmith", dir, location()));
    }

    Mailbox inbox() throws MailStorageException {
        return storage.mailbox(MailboxName.INBOX);
    }

    /** A new process: a fresh provider (nothing shared in memory), reading the same files. */
    void restart() throws Exception {
        provider.close();
        provider = new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS);
        storage = open();
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        provider.close();
    }
}
