package org.loftmail.testkit.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.UidSet;
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
 * One user's mail in the memory backend: the mailbox list (a name's missing parents show as \Noselect, as in
 * Maildir++), CREATE/DELETE/RENAME, subscriptions and the POP3 session lock. The backend has no quota: it
 * accepts no quota settings, so there is none to honour.
 */
final class MemoryStorage implements MailStorage {

    private final StorageUser user;
    private final MemoryUser mail;
    private final List<Namespace> namespaces;

    MemoryStorage(StorageUser user, MemoryUser mail, List<Namespace> namespaces) throws MailStorageException {
        this.user = user;
        this.mail = mail;
        this.namespaces = namespaces;
        mail.create(MailboxName.INBOX, withSettings(MailboxName.INBOX, Set.of()));
        for (MailboxSetting s : ns().mailboxes()) {
            if (s.auto() != MailboxSetting.Auto.NO) mail.create(s.name(), withSettings(s.name(), Set.of()));
        }
    }

    private Namespace ns() {
        return namespaces.get(0);
    }

    @Override
    public StorageUser user() {
        return user;
    }

    @Override
    public List<Namespace> namespaces() {
        return namespaces;
    }

    /** CREATE-SPECIAL-USE's attributes plus those the namespace's mailbox settings give the name. */
    private Set<SpecialUse> withSettings(MailboxName name, Set<SpecialUse> requested) {
        Set<SpecialUse> all = EnumSet.noneOf(SpecialUse.class);
        all.addAll(requested);
        ns().setting(name).ifPresent(s -> all.addAll(s.specialUse()));
        return all;
    }

    /** Dovecot refuses names that a file-system list would expand as a home directory; so does Loft everywhere. */
    private static MailboxName checked(MailboxName name) {
        if (name.path().get(0).startsWith("~")) throw new InvalidMailboxNameException("mailbox names may not start with '~'");
        return name;
    }

    @Override
    public List<MailboxInfo> list() throws MailStorageException {
        Set<MailboxName> real = mail.mailboxes().keySet();
        Set<MailboxName> subscribed = subscriptions();
        TreeSet<String> all = new TreeSet<>();
        Map<String, MailboxName> byText = new LinkedHashMap<>();
        for (MailboxName n : real) {
            for (MailboxName p = n; ; p = p.parent()) {
                all.add(p.toString());
                byText.putIfAbsent(p.toString(), p);
                if (p.depth() == 1) break;
            }
        }
        List<MailboxInfo> out = new ArrayList<>();
        out.add(info(MailboxName.INBOX, real, all, subscribed));
        for (String text : all) {
            MailboxName n = byText.get(text);
            if (!n.isInbox()) out.add(info(n, real, all, subscribed));
        }
        return out;
    }

    private MailboxInfo info(MailboxName n, Set<MailboxName> real, TreeSet<String> all, Set<MailboxName> subscribed) {
        EnumSet<MailboxAttribute> attributes = EnumSet.noneOf(MailboxAttribute.class);
        boolean selectable = real.contains(n);
        if (!selectable) attributes.add(MailboxAttribute.NOSELECT);
        String next = all.higher(n.toString());
        attributes.add(next != null && next.startsWith(n + "/") ? MailboxAttribute.HAS_CHILDREN : MailboxAttribute.HAS_NO_CHILDREN);
        return new MailboxInfo(n, attributes, selectable ? specialUse(n) : Set.of(), subscribed.contains(n));
    }

    private Set<SpecialUse> specialUse(MailboxName name) {
        return mail.mailbox(name).map(MemoryMailbox::specialUse).orElse(Set.of());
    }

    @Override
    public Optional<MailboxInfo> info(MailboxName name) throws MailStorageException {
        checked(name);
        for (MailboxInfo i : list()) if (i.name().equals(name)) return Optional.of(i);
        return Optional.empty();
    }

    @Override
    public Mailbox mailbox(MailboxName name) throws MailStorageException {
        MemoryMailbox m = mail.mailbox(checked(name)).orElseThrow(() -> new MailboxNotFoundException(name));
        return m;
    }

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) throws MailStorageException {
        if (!mail.create(checked(name), withSettings(name, specialUse))) throw new MailboxExistsException(name);
    }

    @Override
    public void delete(MailboxName name) throws MailStorageException {
        if (name.isInbox()) throw new MailboxOperationException("INBOX can't be deleted.");
        synchronized (mail) {
            if (mail.mailbox(checked(name)).isEmpty()) throw new MailboxNotFoundException(name);
            mail.delete(name); // children stay; the name lists as their \Noselect parent (as Dovecot)
        }
    }

    @Override
    public void rename(MailboxName from, MailboxName to) throws MailStorageException {
        checked(to);
        synchronized (mail) {
            Map<MailboxName, MemoryMailbox> existing = mail.mailboxes();
            if (!existing.containsKey(checked(from))) throw new MailboxNotFoundException(from);
            if (to.isInbox() || existing.containsKey(to)) throw new MailboxExistsException(to);
            if (to.isSelfOrDescendantOf(from)) throw new MailboxOperationException("Can't rename mailbox under itself.");
            if (from.isInbox()) {
                renameInbox(existing.get(from), to);
                return;
            }
            Map<MailboxName, MailboxName> moves = new LinkedHashMap<>();
            for (MailboxName n : existing.keySet()) {
                if (!n.isSelfOrDescendantOf(from)) continue;
                MailboxName target = n.reparent(from, to);
                if (existing.containsKey(target)) throw new MailboxExistsException(target);
                moves.put(n, target);
            }
            mail.rename(moves);
        }
    }

    /** RFC 3501 6.3.5: the messages move into a new mailbox; INBOX stays, empty, and its children stay where they are. */
    private void renameInbox(MemoryMailbox inbox, MailboxName to) throws MailStorageException {
        mail.create(to, withSettings(to, Set.of()));
        MemoryMailbox target = mail.mailbox(to).orElseThrow();
        Map<Long, StoredMessage> messages = inbox.messages();
        if (messages.isEmpty()) return;
        target.deliver(List.copyOf(messages.values()));
        // only what was moved leaves INBOX: a delivery that arrived meanwhile stays there
        inbox.expunge(UidSet.of(messages.keySet()), false);
    }

    @Override
    public Set<MailboxName> subscriptions() {
        Set<MailboxName> s = mail.subscriptions();
        for (MailboxSetting m : ns().mailboxes()) if (m.auto() == MailboxSetting.Auto.SUBSCRIBE) s.add(m.name());
        return s;
    }

    @Override
    public void subscribe(MailboxName name) {
        mail.subscribe(checked(name), true);
    }

    @Override
    public void unsubscribe(MailboxName name) {
        mail.subscribe(name, false);
    }

    @Override
    public List<QuotaRoot> quotaRoots(MailboxName name) {
        return List.of();
    }

    @Override
    public void checkQuota(MailboxName target, long bytes, int count) {
        // no quota in this backend
    }

    @Override
    public Optional<HeldLock> lockPop3Session(Duration wait) throws MailStorageException {
        return mail.lockPop3Session(wait);
    }

    @Override
    public void close() {
        // everything lives in the provider's MemoryUser
    }
}
