package org.loftmail.mbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxAttribute;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.StorageUser;

/**
 * One user's mbox mail: INBOX is one file (usually the spool {@code /var/mail/<user>}), every other mailbox a file
 * under the root ({@code ~/mail/Sent}, {@code ~/mail/Work/Projects}); a directory is a folder of folders
 * (\Noselect), since an mbox cannot hold both mail and children. Names are stored in modified UTF-7 unless the
 * location says {@code UTF-8}; entries starting with {@code .} ({@code .imap}, {@code .subscriptions}) and
 * dot-lock files are not mailboxes. No quota: the mbox backend accepts no quota settings.
 */
final class MboxStorage implements MailStorage {

    private final MboxStorageProvider provider;
    private final StorageUser user;
    private final MboxLocation location;
    private final List<Namespace> namespaces;
    private final SubscriptionsFile subscriptions;
    /** No file or folder is reached through a link out of these roots, nor (as root) one that is not the user's. */
    private final Confinement confinement;

    MboxStorage(MboxStorageProvider provider, StorageUser user, MboxLocation location, List<Namespace> namespaces)
            throws MailStorageException {
        this.provider = provider;
        this.user = user;
        this.location = location;
        this.namespaces = namespaces;
        this.subscriptions = new SubscriptionsFile(controlRoot().resolve(location.subscriptionsFile()), location.utf8());
        List<Path> roots = new ArrayList<>(List.of(location.root(), location.inbox().getParent()));
        location.indexRoot().ifPresent(roots::add);
        location.controlRoot().ifPresent(roots::add);
        this.confinement = new Confinement(roots, user.uid());
        try {
            createDirectories(location.root());
            if (!Files.exists(location.inbox(), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    createDirectories(location.inbox().getParent());
                    createFile(location.inbox());
                } catch (IOException e) {
                    // a spool directory we may not write: INBOX reads as empty until the MTA creates the file
                }
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot create the mail root " + location.root() + ": " + e, e);
        }
        for (MailboxSetting s : ns().mailboxes()) {
            if (s.auto() != MailboxSetting.Auto.NO && !s.name().isInbox() && !Files.exists(path(s.name()))) {
                try {
                    create(s.name(), Set.of());
                } catch (MailboxExistsException e) {
                    // created meanwhile by another session
                }
            }
        }
    }

    private Namespace ns() {
        return namespaces.get(0);
    }

    private Path controlRoot() {
        return location.controlRoot().orElse(location.root());
    }

    @Override
    public StorageUser user() {
        return user;
    }

    @Override
    public List<Namespace> namespaces() {
        return namespaces;
    }

    // ---------------------------------------------------------------- names and paths

    private static MailboxName checked(MailboxName name) {
        for (String level : name.path()) {
            if (level.startsWith("~")) throw new InvalidMailboxNameException("mailbox names may not start with '~'");
        }
        return name;
    }

    private String onDisk(String level) {
        String s = location.utf8() ? level : ModifiedUtf7.encode(level);
        if (s.startsWith(".") || s.endsWith(".lock")) throw new InvalidMailboxNameException("mailbox name not allowed in mbox: " + level);
        return s;
    }

    /** The mbox file (or folder directory) of a name. */
    Path path(MailboxName name) {
        if (checked(name).isInbox()) return location.inbox();
        Path p = location.root();
        for (String level : name.path()) p = p.resolve(onDisk(level));
        return p;
    }

    /** Where a mailbox's index files go: {@code .imap/<leaf>} in its folder, as Dovecot keeps them. */
    Path indexDir(MailboxName name) {
        Path root = location.indexRoot().orElse(location.root());
        if (name.isInbox()) return root.resolve(".imap").resolve("INBOX");
        Path p = root;
        List<String> levels = name.path();
        for (int i = 0; i < levels.size() - 1; i++) p = p.resolve(onDisk(levels.get(i)));
        return p.resolve(".imap").resolve(onDisk(levels.get(levels.size() - 1)));
    }

    private boolean hidden(Path entry) {
        String n = entry.getFileName().toString();
        return n.startsWith(".") || n.endsWith(".lock") || entry.equals(location.inbox())
                || (entry.getParent().equals(location.root()) && n.equalsIgnoreCase("INBOX"));
    }

    // ---------------------------------------------------------------- list

    @Override
    public List<MailboxInfo> list() throws MailStorageException {
        TreeMap<String, MailboxName> names = new TreeMap<>();
        TreeMap<String, Boolean> selectable = new TreeMap<>();
        try {
            walk(location.root(), List.of(), names, selectable);
        } catch (IOException e) {
            throw new MailStorageException("cannot list " + location.root() + ": " + e, e);
        }
        Set<MailboxName> subscribed = subscriptions();
        List<MailboxInfo> out = new ArrayList<>();
        out.add(info(MailboxName.INBOX, true, false, subscribed));
        for (var e : names.entrySet()) {
            String key = e.getKey();
            String next = names.higherKey(key);
            boolean children = next != null && next.startsWith(key + "/");
            out.add(info(e.getValue(), selectable.get(key), children, subscribed));
        }
        return out;
    }

    private void walk(Path dir, List<String> prefix, TreeMap<String, MailboxName> names, TreeMap<String, Boolean> selectable) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (hidden(e)) continue;
                String level = e.getFileName().toString();
                if (!location.utf8()) level = ModifiedUtf7.decode(level);
                List<String> path = new ArrayList<>(prefix);
                path.add(level);
                MailboxName n;
                try {
                    n = new MailboxName(path);
                } catch (RuntimeException bad) {
                    continue; // a file whose name IMAP cannot carry
                }
                boolean isDir = Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS);
                if (!isDir && !Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) continue;
                names.put(n.toString(), n);
                selectable.put(n.toString(), !isDir);
                if (isDir) walk(e, path, names, selectable);
            }
        }
    }

    private MailboxInfo info(MailboxName n, boolean selectable, boolean children, Set<MailboxName> subscribed) {
        EnumSet<MailboxAttribute> a = EnumSet.noneOf(MailboxAttribute.class);
        if (!selectable) a.add(MailboxAttribute.NOSELECT);
        a.add(children ? MailboxAttribute.HAS_CHILDREN : MailboxAttribute.HAS_NO_CHILDREN);
        return new MailboxInfo(n, a, selectable ? specialUse(n) : Set.of(), subscribed.contains(n));
    }

    private Set<SpecialUse> specialUse(MailboxName name) {
        return ns().setting(name).map(MailboxSetting::specialUse).orElse(Set.of());
    }

    @Override
    public Optional<MailboxInfo> info(MailboxName name) throws MailStorageException {
        checked(name);
        for (MailboxInfo i : list()) if (i.name().equals(name)) return Optional.of(i);
        return Optional.empty();
    }

    @Override
    public Mailbox mailbox(MailboxName name) throws MailStorageException {
        Path file = path(name);
        if (!name.isInbox() && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new MailboxNotFoundException(name);
        Set<SpecialUse> use = provider.specialUse(file).orElse(specialUse(name));
        Path index = indexDir(name);
        try {
            createDirectories(index); // as the user: the index, the rewrite journal and staged saves go there
        } catch (IOException e) {
            throw new MailStorageException("cannot create the index directory " + index + ": " + e, e);
        }
        return new MboxMailbox(name, use, provider.state(name, file, index, user, confinement));
    }

    // ---------------------------------------------------------------- create, delete, rename

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) throws MailStorageException {
        if (name.isInbox()) throw new MailboxExistsException(name);
        Path file = path(name);
        try {
            createDirectories(file.getParent());
            confinement.checkDirectory(file.getParent()); // not through a link out of the mail root
            createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new MailboxExistsException(name);
        } catch (IOException e) {
            if (Files.exists(file)) throw new MailboxExistsException(name);
            throw new MailStorageException("cannot create " + file + ": " + e, e);
        }
        provider.forget(file);
        if (!specialUse.isEmpty()) provider.rememberSpecialUse(file, specialUse);
    }

    @Override
    public void delete(MailboxName name) throws MailStorageException {
        if (name.isInbox()) throw new MailboxOperationException("INBOX can't be deleted.");
        Path file = path(name);
        try {
            confinement.checkDirectory(file.getParent());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> d = Files.newDirectoryStream(file)) {
                    for (Path p : d) if (!hidden(p)) throw new MailboxOperationException("Mailbox has children, delete them first");
                }
                deleteTree(file);
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                provider.forget(file);
                Files.delete(file);
                deleteTree(indexDir(name));
            } else {
                throw new MailboxNotFoundException(name);
            }
            // folders that only held this mailbox go with it
            for (Path p = file.getParent(); !p.equals(location.root()) && p.startsWith(location.root()); p = p.getParent()) {
                if (!removeIfOnlyHidden(p)) break;
            }
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot delete " + file + ": " + e, e);
        }
    }

    private boolean removeIfOnlyHidden(Path dir) throws IOException {
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
            for (Path p : d) if (!hidden(p) || !p.getFileName().toString().equals(".imap")) return false;
        }
        deleteTree(dir);
        return true;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(p)) {
                for (Path c : d) deleteTree(c);
            }
        }
        Files.delete(p);
    }

    @Override
    public void rename(MailboxName from, MailboxName to) throws MailStorageException {
        checked(to);
        if (to.isInbox()) throw new MailboxExistsException(to);
        if (to.isSelfOrDescendantOf(from) && !from.isInbox()) throw new MailboxOperationException("Can't rename mailbox under itself.");
        Path src = path(from);
        Path dst = path(to);
        if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) throw new MailboxExistsException(to);
        if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) throw new MailboxNotFoundException(from);
        try {
            createDirectories(dst.getParent());
            confinement.checkDirectory(dst.getParent());
            confinement.checkDirectory(src.getParent());
            if (from.isInbox()) {
                provider.renameInbox(from, src, indexDir(from), dst, user, confinement);
            } else {
                provider.forgetBelow(src);
                Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
                // the index is a cache: the moved file carries its UIDs; drop the old index
                if (Files.isRegularFile(dst)) deleteTree(indexDir(from));
            }
            for (Path p = src.getParent(); !from.isInbox() && !p.equals(location.root()) && p.startsWith(location.root()); p = p.getParent()) {
                if (!removeIfOnlyHidden(p)) break;
            }
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot rename " + src + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- subscriptions, quota, POP3

    @Override
    public Set<MailboxName> subscriptions() throws MailStorageException {
        try {
            Set<MailboxName> s = subscriptions.read();
            for (MailboxSetting m : ns().mailboxes()) if (m.auto() == MailboxSetting.Auto.SUBSCRIBE) s.add(m.name());
            return s;
        } catch (IOException e) {
            throw new MailStorageException("cannot read subscriptions: " + e, e);
        }
    }

    @Override
    public void subscribe(MailboxName name) throws MailStorageException {
        change(checked(name), true);
    }

    @Override
    public void unsubscribe(MailboxName name) throws MailStorageException {
        change(name, false);
    }

    private void change(MailboxName name, boolean add) throws MailStorageException {
        synchronized (provider) {
            try {
                Set<MailboxName> s = subscriptions.read();
                if (add ? s.add(name) : s.remove(name)) subscriptions.write(s);
            } catch (IOException e) {
                throw new MailStorageException("cannot write subscriptions: " + e, e);
            }
        }
    }

    @Override
    public List<QuotaRoot> quotaRoots(MailboxName name) {
        return List.of();
    }

    @Override
    public void checkQuota(MailboxName target, long bytes, int count) {
        // the mbox backend accepts no quota settings (the provider refuses them)
    }

    @Override
    public Optional<HeldLock> lockPop3Session(Duration wait) throws MailStorageException {
        Path lock = controlRoot().resolve("dovecot-pop3-session.lock");
        try {
            createDirectories(lock.getParent());
            Optional<Dotlock> held = Dotlock.acquire(lock, lock, wait, Duration.ofMinutes(5));
            if (held.isEmpty()) return Optional.empty();
            Dotlock d = held.get();
            return Optional.of(new HeldLock() {
                @Override
                public boolean lost() {
                    return !d.held();
                }

                @Override
                public void close() {
                    d.close();
                }
            });
        } catch (IOException e) {
            throw new MailStorageException("cannot take the POP3 session lock: " + e, e);
        }
    }

    @Override
    public void close() {
        // mailbox states live in the provider
    }

    // ---------------------------------------------------------------- files as the user

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
            own(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    private void createFile(Path file) throws IOException {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        own(file);
    }

    /** A server running as root creates the user's files as the user, as Dovecot's mail processes would. */
    private void own(Path p) throws IOException {
        if (user.uid().isPresent()) Files.setAttribute(p, "unix:uid", user.uid().getAsInt(), LinkOption.NOFOLLOW_LINKS);
        if (user.gid().isPresent()) Files.setAttribute(p, "unix:gid", user.gid().getAsInt(), LinkOption.NOFOLLOW_LINKS);
    }
}
