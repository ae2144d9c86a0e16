package org.loftmail.core.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/** Picks the provider by the driver prefix of {@code mail_location} ({@code maildir:}, {@code mbox:}). */
public final class MailStorageRegistry {

    private final Map<String, MailStorageProvider> providers = new LinkedHashMap<>();

    public MailStorageRegistry register(MailStorageProvider provider) {
        providers.put(provider.driver(), provider);
        return this;
    }

    public MailStorage open(StorageUser user) throws MailStorageException {
        String location = user.mailLocation();
        int colon = location.indexOf(':');
        String driver = colon < 0 ? location : location.substring(0, colon);
        MailStorageProvider p = providers.get(driver);
        if (p == null) throw new MailStorageException("unsupported mail_location driver: " + driver);
        return p.open(user);
    }
}
