package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * The Maildir driver of one process. Keeps one {@link MaildirState} per mailbox directory, shared by every
 * session, so deliveries and flag changes reach all IDLE sessions at once.
 */
public final class MaildirStorageProvider implements MailStorageProvider {

    /** Replaced whole by a reload, so a login never sees one configuration's namespaces with another's quota. */
    private volatile Settings settings;

    private record Settings(List<Namespace> namespaces, QuotaSettings quota) {}
    private final ConcurrentHashMap<Path, MaildirState> states = new ConcurrentHashMap<>();
    private final MaildirWatcher watcher = new MaildirWatcher();
    /** Mailbox directories as last found confined, per confinement (a user's roots and uid): kept across logins. */
    private final ConcurrentHashMap<ConfinedKey, ConfinedDirectories> confined = new ConcurrentHashMap<>();

    private record ConfinedKey(MailboxPaths paths, Confinement confinement) {}

    /**
     * @param namespaces the configured namespaces (the INBOX one first); empty means Dovecot's default
     *     {@code namespace inbox { separator = / prefix = }}
     * @param quota the global quota settings ({@link QuotaSettings#NONE} when the quota plugin is off)
     */
    public MaildirStorageProvider(List<Namespace> namespaces, QuotaSettings quota) {
        reconfigure(namespaces, quota);
    }

    /**
     * New settings after a reload. The provider itself lives as long as the process (its mailbox states are the
     * change feed every session listens to); storage opened before this call keeps the settings it opened with.
     */
    public void reconfigure(List<Namespace> namespaces, QuotaSettings quota) {
        this.settings = new Settings(
                namespaces.isEmpty() ? List.of(Namespace.inbox('/', List.of())) : List.copyOf(namespaces), quota);
    }

    @Override
    public String driver() {
        return "maildir";
    }

    @Override
    public MailStorage open(StorageUser user) throws MailStorageException {
        MaildirLocation location;
        try {
            location = MaildirLocation.parse(user.mailLocation(), user.home());
        } catch (IllegalArgumentException e) {
            throw new MailStorageException("bad mail_location for " + user.username() + ": " + e.getMessage());
        }
        Settings current = settings;
        return new MaildirStorage(this, user, location, current.namespaces(), current.quota());
    }

    /** Above this many mailbox states in memory, idle ones are dropped (they reload from their index). */
    static final int MAX_STATES = 1000;

    MaildirState state(MailboxName name, MailboxPaths paths, FileCreator creator, Path uidValidityRoot) {
        if (states.size() > MAX_STATES) states.values().removeIf(s -> s.index.idle());
        return states.computeIfAbsent(paths.mailDir(), p -> new MaildirState(name, paths, creator, uidValidityRoot, watcher));
    }

    /** Fails unless the mailbox's directories are confined for this user (ADR 0305); see {@link ConfinedDirectories}. */
    void checkConfined(MailboxPaths paths, Confinement confinement) throws IOException {
        if (confined.size() > MAX_STATES) confined.clear();
        confined.computeIfAbsent(new ConfinedKey(paths, confinement), k -> new ConfinedDirectories(k.paths()))
                .check(confinement);
    }

    @Override
    public void close() {
        watcher.close();
        // snapshots are written lazily: leave each one current so the next start need not list the mailbox
        for (MaildirState state : states.values()) state.index.flushPending();
    }

    /** Forgets a mailbox's state after it was deleted or renamed. */
    void forget(Path mailDir) {
        states.remove(mailDir);
    }

    void forgetBelow(Path dir) {
        states.keySet().removeIf(p -> p.startsWith(dir));
    }
}
