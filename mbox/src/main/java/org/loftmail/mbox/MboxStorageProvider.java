package org.loftmail.mbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.index.IndexFileCreator;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * The mbox driver of one process ({@code mail_location = mbox:~/mail:INBOX=/var/mail/%u}). Keeps one
 * {@link MboxState} per mbox file, shared by every session, so deliveries and flag changes reach all IDLE
 * sessions at once.
 */
public final class MboxStorageProvider implements MailStorageProvider {

    public static final String DRIVER = "mbox";

    private record Settings(List<Namespace> namespaces, QuotaSettings quota, MboxSettings mbox) {}

    private volatile Settings settings;
    private final ConcurrentHashMap<Path, MboxState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Path, Set<SpecialUse>> specialUse = new ConcurrentHashMap<>();
    /** UIDVALIDITY for mailboxes whose file has none yet: unique within the process, never below the clock. */
    private final AtomicLong uidValidities = new AtomicLong(Instant.now().getEpochSecond());

    public MboxStorageProvider(List<Namespace> namespaces, QuotaSettings quota, MboxSettings mbox) {
        reconfigure(namespaces, quota, mbox);
    }

    public void reconfigure(List<Namespace> namespaces, QuotaSettings quota, MboxSettings mbox) {
        this.settings = new Settings(namespaces.isEmpty() ? List.of(Namespace.inbox('/', List.of())) : List.copyOf(namespaces), quota, mbox);
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public MailStorage open(StorageUser user) throws MailStorageException {
        Settings current = settings;
        if (current.quota().enabled()) {
            throw new MailStorageException("quota is not supported on mbox storage (mail_location " + user.mailLocation() + ")");
        }
        MboxLocation location;
        try {
            location = MboxLocation.parse(user.mailLocation(), user.home());
        } catch (IllegalArgumentException e) {
            throw new MailStorageException("bad mail_location for " + user.username() + ": " + e.getMessage());
        }
        return new MboxStorage(this, user, location, current.namespaces());
    }

    MboxState state(MailboxName name, Path file, Path indexDir, StorageUser user, Confinement confinement) throws MailStorageException {
        if (states.size() > 1000) states.values().removeIf(s -> s.index().idle());
        try {
            return states.computeIfAbsent(file, f -> new MboxState(name, f, indexDir, creator(user), settings.mbox(),
                    () -> uidValidities.updateAndGet(v -> Math.max(v + 1, Instant.now().getEpochSecond())), confinement));
        } catch (RuntimeException e) {
            throw new MailStorageException("cannot open mailbox " + name + ": " + e.getMessage(), e);
        }
    }

    private static IndexFileCreator creator(StorageUser user) {
        return new IndexFileCreator() {
            @Override
            public void directories(Path dir) throws IOException {
                Files.createDirectories(dir);
            }

            @Override
            public OutputStream newCacheFile(Path file) throws IOException {
                OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                if (user.uid().isPresent()) Files.setAttribute(file, "unix:uid", user.uid().getAsInt());
                if (user.gid().isPresent()) Files.setAttribute(file, "unix:gid", user.gid().getAsInt());
                return out;
            }
        };
    }

    Optional<Set<SpecialUse>> specialUse(Path file) {
        return Optional.ofNullable(specialUse.get(file));
    }

    void rememberSpecialUse(Path file, Set<SpecialUse> use) {
        specialUse.put(file, Set.copyOf(use));
    }

    void forget(Path file) {
        MboxState s = states.remove(file);
        if (s != null) s.retire();
        specialUse.remove(file);
    }

    void forgetBelow(Path dir) {
        states.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(dir)) return false;
            e.getValue().retire();
            return true;
        });
        specialUse.keySet().removeIf(p -> p.startsWith(dir));
    }

    /** RENAME INBOX: its messages move into a new mailbox file; INBOX stays, empty. */
    void renameInbox(MailboxName inbox, Path inboxFile, Path inboxIndex, Path target, StorageUser user, Confinement confinement)
            throws MailStorageException {
        state(inbox, inboxFile, inboxIndex, user, confinement).moveAllTo(target);
    }

    @Override
    public void close() {
        for (MboxState s : states.values()) s.index().flushPending();
    }
}
