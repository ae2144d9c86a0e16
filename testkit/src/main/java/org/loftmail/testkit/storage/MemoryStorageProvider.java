package org.loftmail.testkit.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.StorageUser;

/**
 * The test backend: mail kept in this provider's memory on core's shared index layer (ADR 0303), so protocol
 * tests run without a real backend and the storage contract is checked on a second, backend-neutral
 * implementation. {@code mail_location = memory:<dir>} ({@code ~} is the home): the directory holds the index
 * files, and names the user's mail, which lasts as long as the provider. No quota, no other process: a
 * provider's sessions are the only ones that see its mail.
 */
public final class MemoryStorageProvider implements MailStorageProvider {

    public static final String DRIVER = "memory";

    private final List<Namespace> namespaces;
    private final ConcurrentHashMap<Path, MemoryUser> users = new ConcurrentHashMap<>();
    /** UIDVALIDITY values, unique across this provider's mailboxes: a recreated mailbox never reuses one. */
    private final AtomicLong uidValidities = new AtomicLong(Instant.now().getEpochSecond());

    /** With Dovecot's default namespace ({@code separator = /}, no prefix, no mailbox settings). */
    public MemoryStorageProvider() {
        this(List.of());
    }

    /** @param namespaces the configured namespaces (the INBOX one first); empty means Dovecot's default */
    public MemoryStorageProvider(List<Namespace> namespaces) {
        this.namespaces = namespaces.isEmpty() ? List.of(Namespace.inbox('/', List.of())) : List.copyOf(namespaces);
    }

    /** The {@code mail_location} for mail whose index files live in {@code dir}. */
    public static String location(Path dir) {
        return DRIVER + ":" + dir.toAbsolutePath();
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public MailStorage open(StorageUser user) throws MailStorageException {
        Path dir = indexRoot(user);
        return new MemoryStorage(user, users.computeIfAbsent(dir, d -> new MemoryUser(d, uidValidities)), namespaces);
    }

    private static Path indexRoot(StorageUser user) throws MailStorageException {
        String location = user.mailLocation();
        if (!location.startsWith(DRIVER + ":")) {
            throw new MailStorageException("bad mail_location for " + user.username() + ": not " + DRIVER + ":<dir>");
        }
        String dir = location.substring(DRIVER.length() + 1);
        if (dir.startsWith("~/") || dir.equals("~")) dir = user.home() + dir.substring(1);
        if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
            throw new MailStorageException("bad mail_location for " + user.username() + ": " + DRIVER + ": needs an absolute directory");
        }
        return Path.of(dir).normalize();
    }
}
