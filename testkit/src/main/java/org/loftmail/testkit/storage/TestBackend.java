package org.loftmail.testkit.storage;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.loftmail.core.storage.MailStorageProvider;

/**
 * A storage backend a protocol test harness runs on: how to make a provider (one per test server, living as
 * long as it) and the {@code mail_location} of a user with a given home. Protocol modules run on
 * {@link #MEMORY}; server's tests, which may depend on every backend, run the same harnesses on Maildir (and
 * mbox) by passing their own.
 */
public record TestBackend(String name, Supplier<MailStorageProvider> provider, Function<Path, String> mailLocation) {

    public static final TestBackend MEMORY =
            new TestBackend(MemoryStorageProvider.DRIVER, MemoryStorageProvider::new, home -> MemoryStorageProvider.location(home.resolve("mail")));

    public MailStorageProvider newProvider() {
        return provider.get();
    }

    public String mailLocation(Path home) {
        return mailLocation.apply(home);
    }

    @Override
    public String toString() {
        return name;
    }
}
