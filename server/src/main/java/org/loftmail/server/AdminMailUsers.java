package org.loftmail.server;

import java.util.List;
import org.loftmail.admin.mail.MailUsers;
import org.loftmail.admin.mail.SieveAccess;
import org.loftmail.auth.UserInfo;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.maildir.MaildirBackup;
import org.loftmail.maildir.MaildirLocation;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.Settings;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.store.SieveStoreException;
import org.loftmail.sieve.store.SieveStoreSettingsBinder;
import org.loftmail.admin.mail.UnknownUserException;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;

/**
 * The admin commands' way to a user's mail, as doveadm's: a userdb lookup for {@code service=doveadm}, then the
 * user's storage through the same {@link UserStorage} the protocols use (so the same locks, confinement and
 * first_valid_uid checks apply).
 */
final class AdminMailUsers implements MailUsers {

    private final LoftConfig config;
    private final AuthService auth;
    private final UserStorage storage;
    private final Runnable onClose;

    AdminMailUsers(LoftConfig config, AuthService auth, UserStorage storage, Runnable onClose) {
        this.config = config;
        this.auth = auth;
        this.storage = storage;
        this.onClose = onClose;
    }

    @Override
    public MailStorage open(String user) throws UnknownUserException, MailStorageException {
        return storage.open(lookup(user), "doveadm");
    }

    @Override
    public MailStorage openAt(String user, String location) throws UnknownUserException, MailStorageException {
        return storage.openAt(lookup(user), "doveadm", location);
    }

    @Override
    public String backup(String user, String destLocation) throws UnknownUserException, MailStorageException {
        UserInfo info = lookup(user);
        StorageUser source = storage.storageUser(info, "doveadm");
        StorageUser dest = storage.storageUser(info, "doveadm", destLocation);
        if (!source.mailLocation().startsWith("maildir:") || !dest.mailLocation().startsWith("maildir:")) {
            throw new MailStorageException("backup is supported between Maildir locations only (mail_location "
                    + source.mailLocation() + ", destination " + dest.mailLocation() + ")");
        }
        MaildirLocation from;
        MaildirLocation to;
        try {
            from = MaildirLocation.parse(source.mailLocation(), source.home());
            to = MaildirLocation.parse(dest.mailLocation(), dest.home());
        } catch (IllegalArgumentException e) {
            throw new MailStorageException(e.getMessage());
        }
        MaildirBackup.Result r = MaildirBackup.mirror(from, to, source.uid(), source.gid());
        return r.mailboxes() + " mailboxes, " + r.messagesCopied() + " messages copied, " + r.messagesRemoved()
                + " removed";
    }

    private UserInfo lookup(String user) throws UnknownUserException, MailStorageException {
        return switch (auth.lookupUser(ClientInfo.local("doveadm"), user)) {
            case UserLookup.Found found -> found.info();
            case UserLookup.NotFound notFound -> throw new UnknownUserException(user);
            case UserLookup.TemporaryFailure failure -> throw new MailStorageException(
                    "userdb lookup failed: " + failure.reason());
        };
    }

    @Override
    public SieveAccess sieve(String user) throws UnknownUserException, SieveStoreException, MailStorageException {
        return ManageSieveWiring.adminAccess(config, storage, lookup(user));
    }

    @Override
    public SieveCompiler sieveCompiler() {
        Settings sieve = config.settings("sieve");
        return ManageSieveWiring.compiler(sieve, SieveStoreSettingsBinder.bind(sieve));
    }

    @Override
    public List<String> iterate() throws MailStorageException {
        try {
            return auth.iterateUsers();
        } catch (UnsupportedOperationException e) {
            throw new MailStorageException("the userdbs can't list users (-A): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
