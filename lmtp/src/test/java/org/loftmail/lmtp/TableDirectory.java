package org.loftmail.lmtp;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.lmtp.delivery.RecipientDirectory;

/**
 * A userdb double: names (after a %Ln-style format: local part, lower case) mapped to storage; "down" makes every
 * lookup fail temporarily.
 */
public final class TableDirectory implements RecipientDirectory {

    final Map<String, StorageUser> users = new ConcurrentHashMap<>();
    public volatile boolean down;

    public TableDirectory add(String user) {
        return add(user, "memory:");
    }

    public TableDirectory add(String user, String mailLocation) {
        users.put(user, StorageUser.of(user, Path.of("/nonexistent/" + user), mailLocation));
        return this;
    }

    @Override
    public Lookup lookup(String user) {
        if (down) {
            return new Unavailable("userdb is down (test)");
        }
        int at = user.lastIndexOf('@');
        String name = (at < 0 ? user : user.substring(0, at)).toLowerCase(Locale.ROOT);
        StorageUser storage = users.get(name);
        return storage == null ? new NotFound() : new Found(name, storage);
    }
}
