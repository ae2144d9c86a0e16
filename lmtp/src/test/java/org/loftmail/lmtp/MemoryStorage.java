package org.loftmail.lmtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.OverQuotaException;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.StorageUser;

/**
 * A storage double for protocol tests (driver "memory"): mailboxes are lists of byte arrays; a per-user byte quota
 * and injected failures let tests reach every delivery outcome. Only what delivery uses is implemented.
 */
public final class MemoryStorage implements MailStorageProvider {

    record Saved(byte[] bytes, AppendRequest request) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final Map<String, Map<MailboxName, List<Saved>>> users = new ConcurrentHashMap<>();
    final Map<String, Set<MailboxName>> subscriptions = new ConcurrentHashMap<>();
    final Map<String, Long> quotaBytes = new ConcurrentHashMap<>();
    final AtomicInteger failNextAppends = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();

    @Override
    public String driver() {
        return "memory";
    }

    Map<MailboxName, List<Saved>> mailboxes(String user) {
        return users.computeIfAbsent(user, u -> {
            Map<MailboxName, List<Saved>> m = new LinkedHashMap<>();
            m.put(MailboxName.INBOX, new ArrayList<>());
            return m;
        });
    }

    public String text(String user, String mailbox, int index) {
        return messages(user, mailbox).get(index).text();
    }

    public java.time.Instant internalDate(String user, String mailbox, int index) {
        return messages(user, mailbox).get(index).request().internalDate().orElseThrow();
    }

    public org.loftmail.core.mail.Flags flags(String user, String mailbox, int index) {
        return messages(user, mailbox).get(index).request().flags();
    }

    public int count(String user, String mailbox) {
        return messages(user, mailbox).size();
    }

    public void create(String user, String mailbox) {
        createMailbox(user, mailbox);
    }

    public Set<String> subscribed(String user) {
        Set<String> out = new LinkedHashSet<>();
        subscriptions.getOrDefault(user, Set.of()).forEach(n -> out.add(n.toString('/')));
        return out;
    }

    public void quota(String user, long bytes) {
        quotaBytes.put(user, bytes);
    }

    public void failNextAppends(int n) {
        failNextAppends.set(n);
    }

    List<Saved> messages(String user, String mailbox) {
        synchronized (this) {
            List<Saved> list = mailboxes(user).get(MailboxName.parse(mailbox, '/'));
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    void createMailbox(String user, String mailbox) {
        synchronized (this) {
            mailboxes(user).putIfAbsent(MailboxName.parse(mailbox, '/'), new ArrayList<>());
        }
    }

    private long used(String user) {
        return mailboxes(user).values().stream().flatMap(List::stream).mapToLong(s -> s.bytes().length).sum();
    }

    @Override
    public MailStorage open(StorageUser user) {
        opens.incrementAndGet();
        String name = user.username();
        return new MailStorage() {
            @Override
            public StorageUser user() {
                return user;
            }

            @Override
            public List<Namespace> namespaces() {
                return List.of(Namespace.inbox('/', List.of()));
            }

            @Override
            public List<MailboxInfo> list() {
                synchronized (MemoryStorage.this) {
                    return mailboxes(name).keySet().stream()
                            .map(n -> new MailboxInfo(n, Set.of(), Set.of(), false)).toList();
                }
            }

            @Override
            public Optional<MailboxInfo> info(MailboxName mailbox) {
                return list().stream().filter(i -> i.name().equals(mailbox)).findFirst();
            }

            @Override
            public Mailbox mailbox(MailboxName mailbox) throws MailStorageException {
                synchronized (MemoryStorage.this) {
                    if (!mailboxes(name).containsKey(mailbox)) {
                        throw new MailboxNotFoundException(mailbox);
                    }
                }
                return new MemoryMailbox(name, mailbox);
            }

            @Override
            public void create(MailboxName mailbox, Set<SpecialUse> specialUse) throws MailStorageException {
                synchronized (MemoryStorage.this) {
                    if (mailboxes(name).putIfAbsent(mailbox, new ArrayList<>()) != null) {
                        throw new MailboxExistsException(mailbox);
                    }
                }
            }

            @Override
            public void delete(MailboxName mailbox) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void rename(MailboxName from, MailboxName to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<org.loftmail.core.storage.HeldLock> lockPop3Session(java.time.Duration wait) {
                throw new UnsupportedOperationException("LMTP does not lock POP3 sessions");
            }

            @Override
            public Set<MailboxName> subscriptions() {
                return subscriptions.getOrDefault(name, Set.of());
            }

            @Override
            public void subscribe(MailboxName mailbox) {
                subscriptions.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(mailbox);
            }

            @Override
            public void unsubscribe(MailboxName mailbox) {
                subscriptions.getOrDefault(name, new LinkedHashSet<>()).remove(mailbox);
            }

            @Override
            public List<QuotaRoot> quotaRoots(MailboxName mailbox) {
                return List.of();
            }

            @Override
            public void checkQuota(MailboxName target, long bytes, int count) throws MailStorageException {
                Long limit = quotaBytes.get(name);
                synchronized (MemoryStorage.this) {
                    if (limit != null && used(name) + bytes > limit) {
                        throw new OverQuotaException("Quota exceeded");
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    private final class MemoryMailbox implements Mailbox {
        private final String user;
        private final MailboxName name;

        MemoryMailbox(String user, MailboxName name) {
            this.user = user;
            this.name = name;
        }

        @Override
        public MailboxName name() {
            return name;
        }

        @Override
        public Set<SpecialUse> specialUse() {
            return Set.of();
        }

        @Override
        public MailboxStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SelectedMailbox select(boolean readOnly) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AppendResult append(InputStream message, AppendRequest request) throws MailStorageException {
            byte[] bytes;
            try {
                bytes = message.readAllBytes();
            } catch (IOException e) {
                throw new MailStorageException("read failed", e);
            }
            if (failNextAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new MailStorageException("injected failure");
            }
            synchronized (MemoryStorage.this) {
                Long limit = quotaBytes.get(user);
                if (limit != null && used(user) + bytes.length > limit) {
                    throw new OverQuotaException("Quota exceeded");
                }
                List<Saved> list = mailboxes(user).get(name);
                list.add(new Saved(bytes, request));
                return new AppendResult(1, list.size());
            }
        }

        @Override
        public ListenerRegistration addListener(MailboxListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
