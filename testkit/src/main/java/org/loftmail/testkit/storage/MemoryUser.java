package org.loftmail.testkit.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.index.IndexFileCreator;

/**
 * Everything the memory backend keeps for one mail location, shared by every {@link MemoryStorage} opened on it
 * for as long as the provider lives: the mailboxes by name, the subscriptions, and the POP3 session lock.
 * Mailbox-list changes are serialised on this object; message changes on each mailbox's index lock.
 */
final class MemoryUser {

    private final Path indexRoot;
    private final AtomicLong uidValidities;
    private final AtomicLong mailboxDirs = new AtomicLong();
    private final Map<MailboxName, MemoryMailbox> mailboxes = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    private final Set<MailboxName> subscriptions = new HashSet<>();
    private final Semaphore pop3Session = new Semaphore(1);
    private final IndexFileCreator files = new IndexFileCreator() {
        @Override
        public void directories(Path dir) throws IOException {
            Files.createDirectories(dir);
        }

        @Override
        public OutputStream newCacheFile(Path file) throws IOException {
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    };

    /**
     * @param indexRoot where each mailbox's index files go (one fresh directory per mailbox object)
     * @param uidValidities the provider's UIDVALIDITY counter, so a recreated mailbox never gets an old value
     */
    MemoryUser(Path indexRoot, AtomicLong uidValidities) {
        this.indexRoot = indexRoot;
        this.uidValidities = uidValidities;
    }

    synchronized Map<MailboxName, MemoryMailbox> mailboxes() {
        return Map.copyOf(mailboxes);
    }

    synchronized Optional<MemoryMailbox> mailbox(MailboxName name) {
        return Optional.ofNullable(mailboxes.get(name));
    }

    /** Creates a mailbox; false when it exists already. */
    synchronized boolean create(MailboxName name, Set<SpecialUse> specialUse) throws MailStorageException {
        if (mailboxes.containsKey(name)) return false;
        mailboxes.put(name, new MemoryMailbox(name, uidValidities.incrementAndGet(), specialUse, nextIndexDir(), files));
        return true;
    }

    synchronized void delete(MailboxName name) {
        MemoryMailbox gone = mailboxes.remove(name);
        if (gone != null) gone.retire();
    }

    /** Moves each mailbox to its new name (the caller checked that none of the new names exists). */
    synchronized void rename(Map<MailboxName, MailboxName> moves) throws MailStorageException {
        for (Map.Entry<MailboxName, MailboxName> m : moves.entrySet()) {
            MemoryMailbox old = mailboxes.remove(m.getKey());
            mailboxes.put(m.getValue(), old.renamedTo(m.getValue(), nextIndexDir(), files));
        }
    }

    private Path nextIndexDir() throws MailStorageException {
        Path dir = indexRoot.resolve("mailbox-" + mailboxDirs.incrementAndGet());
        try {
            files.directories(dir);
        } catch (IOException e) {
            throw new MailStorageException("cannot create the index directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    synchronized Set<MailboxName> subscriptions() {
        return new HashSet<>(subscriptions);
    }

    synchronized void subscribe(MailboxName name, boolean add) {
        if (add) subscriptions.add(name);
        else subscriptions.remove(name);
    }

    /** {@code pop3_lock_session} among the sessions of this provider (the only ones that can see this memory). */
    Optional<HeldLock> lockPop3Session(Duration wait) throws MailStorageException {
        try {
            if (!pop3Session.tryAcquire(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailStorageException("interrupted while waiting for the POP3 session lock");
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(new HeldLock() {
            @Override
            public boolean lost() {
                return false; // nobody can break a lock held in this process's memory
            }

            @Override
            public void close() {
                if (released.compareAndSet(false, true)) pop3Session.release();
            }
        });
    }
}
