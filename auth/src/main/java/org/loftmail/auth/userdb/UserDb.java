package org.loftmail.auth.userdb;

import java.util.List;
import org.loftmail.auth.AuthRequest;

/** A user database driver: where a user lives (uid, gid, home, mail) and per-user settings. */
public interface UserDb extends AutoCloseable {

    String driverName();

    UserDbResult lookup(AuthRequest request);

    /**
     * Every user name, for {@code LIST} on the userdb socket and {@code user '*'}.
     *
     * @throws UnsupportedOperationException when the driver can't iterate
     * @throws IllegalStateException when the backend can't be read right now
     */
    default List<String> iterateUsers() {
        throw new UnsupportedOperationException("userdb " + driverName() + " doesn't support iteration");
    }

    @Override
    default void close() {}
}
