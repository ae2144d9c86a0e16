package org.loftmail.maildir;

import org.loftmail.core.fs.Confinement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxAttribute;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** One user's Maildir: the mailbox list, CREATE/DELETE/RENAME, subscriptions and quota. */
final class MaildirStorage implements MailStorage {

    private static final String SPECIAL_USE_FILE = "loft-special-use";

    private final MaildirStorageProvider provider;
    private final StorageUser user;
    private final MaildirFolders folders;
    private final List<Namespace> namespaces;
    private final FileCreator creator;
    private final MaildirQuota quota;

    MaildirStorage(MaildirStorageProvider provider, StorageUser user, MaildirLocation location, List<Namespace> namespaces,
            QuotaSettings quotaSettings) throws MailStorageException {
        this.provider = provider;
        this.user = user;
        this.folders = new MaildirFolders(location);
        this.namespaces = namespaces;
        this.creator = new FileCreator(user.uid(), user.gid(), new Confinement(roots(location), user.uid()));
        try {
            creator.directories(location.root());
            createMaildir(folders.paths(MailboxName.INBOX), false);
            for (MailboxSetting s : namespaces.get(0).mailboxes()) {
                if (s.auto() != MailboxSetting.Auto.NO && !exists(s.name())) createMaildir(folders.paths(s.name()), true);
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot create the mail directory of " + user.username() + ": " + e.getMessage(), e);
        }
        this.quota = new MaildirQuota(quotaSettings, user, this, location.root(), creator);
    }

    MaildirState state(MailboxName name, MailboxPaths p) {
        return provider.state(name, p, creator, folders.location().root());
    }

    /** The directories mail_location names: the user's mail may be anywhere beneath them, and nowhere else. */
    private static List<Path> roots(MaildirLocation location) {
        List<Path> roots = new ArrayList<>(List.of(location.root(), location.inbox()));
        location.indexRoot().ifPresent(roots::add);
        location.controlRoot().ifPresent(roots::add);
        return roots;
    }

    /**
     * A folder, or a directory in it, that is a link out of the mail roots (to another user's Maildir, to /etc)
     * or that the user does not own is refused before anything in it is read or written (ADR 0305).
     */
    void checkConfined(MailboxName name, MailboxPaths p) throws MailStorageException {
        try {
            provider.checkConfined(p, creator.confinement());
        } catch (IOException e) {
            throw new MailboxOperationException("mailbox " + name + " is not accessible: " + e.getMessage());
        }
    }

    FileCreator creator() {
        return creator;
    }

    MaildirFolders folders() {
        return folders;
    }

    @Override
    public StorageUser user() {
        return user;
    }

    @Override
    public List<Namespace> namespaces() {
        return namespaces;
    }

    private Namespace ns() {
        return namespaces.get(0);
    }

    private boolean exists(MailboxName name) {
        return Files.isDirectory(folders.paths(name).cur());
    }

    private void createMaildir(MailboxPaths p, boolean folder) throws IOException {
        creator.directories(p.mailDir());
        creator.directories(p.cur());
        creator.directories(p.newDir());
        creator.directories(p.tmp());
        creator.directories(p.controlDir());
        if (folder && folders.location().layout() == MaildirLocation.Layout.MAILDIRPP) {
            Path marker = p.mailDir().resolve("maildirfolder");
            if (!Files.exists(marker)) creator.writeNew(marker, new byte[0]);
        }
    }

    List<MailboxName> existing() throws MailStorageException {
        try {
            List<MailboxName> out = new ArrayList<>();
            out.add(MailboxName.INBOX);
            for (MailboxName n : folders.scan()) if (!n.isInbox()) out.add(n);
            return out;
        } catch (IOException e) {
            throw new MailStorageException("cannot list mailboxes: " + e.getMessage(), e);
        }
    }

    @Override
    public List<MailboxInfo> list() throws MailStorageException {
        List<MailboxName> real = existing();
        Set<MailboxName> subscribed = subscriptions();
        TreeSet<String> all = new TreeSet<>();
        Set<MailboxName> names = new LinkedHashSet<>(real);
        for (MailboxName n : real) {
            for (MailboxName p = n; p.depth() > 1; ) {
                p = p.parent();
                names.add(p);
            }
        }
        for (MailboxName n : names) all.add(n.toString());
        List<MailboxInfo> out = new ArrayList<>();
        Set<MailboxName> realSet = Set.copyOf(real);
        List<MailboxName> ordered = new ArrayList<>(names);
        ordered.sort((a, b) -> a.isInbox() ? -1 : b.isInbox() ? 1 : a.toString().compareTo(b.toString()));
        for (MailboxName n : ordered) {
            EnumSet<MailboxAttribute> attrs = EnumSet.noneOf(MailboxAttribute.class);
            if (!realSet.contains(n)) attrs.add(MailboxAttribute.NOSELECT);
            String prefix = n + "/";
            String higher = all.higher(n.toString());
            attrs.add(higher != null && higher.startsWith(prefix) ? MailboxAttribute.HAS_CHILDREN : MailboxAttribute.HAS_NO_CHILDREN);
            out.add(new MailboxInfo(n, attrs, realSet.contains(n) ? specialUse(n) : Set.of(), subscribed.contains(n)));
        }
        return out;
    }

    @Override
    public Optional<MailboxInfo> info(MailboxName name) throws MailStorageException {
        folders.paths(name);
        for (MailboxInfo i : list()) if (i.name().equals(name)) return Optional.of(i);
        return Optional.empty();
    }

    Set<SpecialUse> specialUse(MailboxName name) {
        Set<SpecialUse> out = EnumSet.noneOf(SpecialUse.class);
        ns().setting(name).ifPresent(s -> out.addAll(s.specialUse()));
        Path f = folders.paths(name).controlDir().resolve(SPECIAL_USE_FILE);
        try {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) SpecialUse.fromImapName(l.trim()).ifPresent(out::add);
        } catch (IOException e) {
            // no CREATE-SPECIAL-USE attributes stored for this mailbox
        }
        return out;
    }

    @Override
    public Mailbox mailbox(MailboxName name) throws MailStorageException {
        MailboxPaths p = folders.paths(name);
        if (!Files.isDirectory(p.cur())) throw new MailboxNotFoundException(name);
        return new MaildirMailbox(this, name, p);
    }

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) throws MailStorageException {
        MailboxPaths p = folders.paths(name);
        if (name.isInbox() || Files.isDirectory(p.cur())) throw new MailboxExistsException(name);
        try {
            if (name.depth() > 1) folders.paths(name.parent());
            createMaildir(p, true);
            if (!specialUse.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (SpecialUse s : specialUse) sb.append(s.imapName()).append('\n');
                Path f = p.controlDir().resolve(SPECIAL_USE_FILE);
                Files.deleteIfExists(f);
                creator.writeNew(f, sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            // the uidlist with a fresh UIDVALIDITY is created now so the mailbox keeps it from its first STATUS
            provider.forget(p.mailDir());
            MaildirState state = provider.state(name, p, creator, folders.location().root());
            state.index.lock().lock();
            try {
                state.refresh();
            } finally {
                state.index.lock().unlock();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot create " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(MailboxName name) throws MailStorageException {
        if (name.isInbox()) throw new MailboxOperationException("INBOX can't be deleted.");
        MailboxPaths p = folders.paths(name);
        if (!Files.isDirectory(p.cur())) throw new MailboxNotFoundException(name);
        // as Dovecot: a mailbox with children is deleted too, and stays as the children's \Noselect parent
        boolean childrenInside = false;
        for (MailboxName n : existing()) {
            if (!n.equals(name) && n.isSelfOrDescendantOf(name) && folders.paths(n).mailDir().startsWith(p.mailDir())) {
                childrenInside = true; // LAYOUT=fs: the children's directories live inside this one
            }
        }
        if (childrenInside) {
            deleteKeepingChildren(name, p);
            return;
        }
        try {
            Path trash = folders.location().root().resolve(".DOVECOT-TRASHED." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            Files.move(p.mailDir(), trash, StandardCopyOption.ATOMIC_MOVE);
            provider.forget(p.mailDir());
            deleteTree(trash);
            if (!p.controlDir().equals(p.mailDir())) deleteTree(p.controlDir());
            if (!p.indexDir().equals(p.mailDir())) deleteTree(p.indexDir());
        } catch (NoSuchFileException e) {
            throw new MailboxNotFoundException(name);
        } catch (IOException e) {
            throw new MailStorageException("cannot delete " + name + ": " + e.getMessage(), e);
        }
    }

    /** LAYOUT=fs: the mailbox's own files and cur/new/tmp go; the directories of its children stay. */
    private void deleteKeepingChildren(MailboxName name, MailboxPaths p) throws MailStorageException {
        try {
            provider.forget(p.mailDir());
            for (Path d : List.of(p.cur(), p.newDir(), p.tmp())) deleteTree(d);
            // only files: the children's own uidlists and indexes sit in subdirectories of these
            deleteFilesIn(p.mailDir());
            if (!p.controlDir().equals(p.mailDir())) deleteFilesIn(p.controlDir());
            if (!p.indexDir().equals(p.mailDir())) deleteFilesIn(p.indexDir());
        } catch (NoSuchFileException e) {
            throw new MailboxNotFoundException(name);
        } catch (IOException e) {
            throw new MailStorageException("cannot delete " + name + ": " + e.getMessage(), e);
        }
    }

    private static void deleteFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) if (!Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(f);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public void rename(MailboxName from, MailboxName to) throws MailStorageException {
        MailboxPaths src = folders.paths(from);
        MailboxPaths dst = folders.paths(to);
        if (!Files.isDirectory(src.cur())) throw new MailboxNotFoundException(from);
        if (to.isInbox() || Files.isDirectory(dst.cur())) throw new MailboxExistsException(to);
        if (to.isSelfOrDescendantOf(from)) throw new MailboxOperationException("Can't rename mailbox under itself.");
        if (from.isInbox()) {
            MaildirInboxRename.run(this, to);
            return;
        }
        try {
            List<MailboxName> moving = new ArrayList<>();
            for (MailboxName n : existing()) if (n.isSelfOrDescendantOf(from)) moving.add(n);
            for (MailboxName n : moving) {
                if (Files.exists(folders.paths(n.reparent(from, to)).mailDir())) throw new MailboxExistsException(n.reparent(from, to));
            }
            if (folders.location().layout() == MaildirLocation.Layout.FS) {
                moveDir(src.mailDir(), dst.mailDir());
                if (!src.controlDir().equals(src.mailDir())) moveDir(src.controlDir(), dst.controlDir());
                if (!src.indexDir().equals(src.mailDir())) moveDir(src.indexDir(), dst.indexDir());
            } else {
                for (MailboxName n : moving) {
                    MailboxPaths a = folders.paths(n);
                    MailboxPaths b = folders.paths(n.reparent(from, to));
                    moveDir(a.mailDir(), b.mailDir());
                    if (!a.controlDir().equals(a.mailDir())) moveDir(a.controlDir(), b.controlDir());
                    if (!a.indexDir().equals(a.mailDir())) moveDir(a.indexDir(), b.indexDir());
                }
            }
            for (MailboxName n : moving) provider.forget(folders.paths(n).mailDir());
            provider.forgetBelow(src.mailDir());
        } catch (IOException e) {
            throw new MailStorageException("cannot rename " + from + ": " + e.getMessage(), e);
        }
    }

    private void moveDir(Path a, Path b) throws IOException {
        if (!Files.exists(a)) return;
        creator.directories(b.getParent());
        Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path subscriptionsFile() {
        return folders.location().controlRoot().orElse(folders.location().root()).resolve(folders.location().subscriptionsFile());
    }

    @Override
    public Set<MailboxName> subscriptions() throws MailStorageException {
        try {
            Set<MailboxName> s = SubscriptionsFile.read(subscriptionsFile(), folders.location().utf8(), creator.confinement());
            for (MailboxSetting m : ns().mailboxes()) if (m.auto() == MailboxSetting.Auto.SUBSCRIBE) s.add(m.name());
            return s;
        } catch (IOException e) {
            throw new MailStorageException("cannot read subscriptions: " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(MailboxName name) throws MailStorageException {
        folders.paths(name);
        changeSubscriptions(name, true);
    }

    @Override
    public void unsubscribe(MailboxName name) throws MailStorageException {
        changeSubscriptions(name, false);
    }

    /** Read-modify-write under {@code subscriptions.lock}, which serialises sessions here and in other processes. */
    private void changeSubscriptions(MailboxName name, boolean add) throws MailStorageException {
        Path f = subscriptionsFile();
        try (Dotlock lock = Dotlock.acquire(f.resolveSibling(f.getFileName() + ".lock"), MaildirState.LOCK_TIMEOUT)) {
            Set<MailboxName> s = SubscriptionsFile.read(f, folders.location().utf8(), creator.confinement());
            boolean changed = add ? s.add(name) : s.remove(name);
            if (changed) SubscriptionsFile.write(f, s, creator, folders.location().utf8());
        } catch (IOException e) {
            throw new MailStorageException("cannot write subscriptions: " + e.getMessage(), e);
        }
    }

    @Override
    public List<QuotaRoot> quotaRoots(MailboxName name) throws MailStorageException {
        return quota.roots(name);
    }

    @Override
    public boolean quotaEnabled() {
        return quota.enabled();
    }

    @Override
    public void checkQuota(MailboxName target, long bytes, int count) throws MailStorageException {
        quota.check(target, bytes, count);
    }

    MaildirQuota quota() {
        return quota;
    }

    @Override
    public Optional<HeldLock> lockPop3Session(Duration wait) throws MailStorageException {
        return Pop3SessionLock.acquire(Pop3SessionLock.path(folders.location()), wait, creator);
    }

    @Override
    public void close() {
        // nothing held per storage: the shared mailbox states live in the provider
    }
}
