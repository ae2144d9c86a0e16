package org.loftmail.server;

import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.lmtp.delivery.RecipientDirectory;

/** LMTP and lda recipients looked up in the userdb chain, their storage resolved as for a login. */
final class UserdbRecipients implements RecipientDirectory {

    private final AuthService auth;
    private final UserStorage storage;
    private final String protocol;

    UserdbRecipients(AuthService auth, UserStorage storage, String protocol) {
        this.auth = auth;
        this.storage = storage;
        this.protocol = protocol;
    }

    @Override
    public Lookup lookup(String user) {
        try {
            return switch (auth.lookupUser(ClientInfo.local(protocol), user)) {
                case UserLookup.Found found -> new Found(found.info().user(),
                        storage.storageUser(found.info(), protocol));
                case UserLookup.NotFound notFound -> new NotFound();
                case UserLookup.TemporaryFailure failure -> new Unavailable(failure.reason());
            };
        } catch (MailStorageException | RuntimeException e) {
            return new Unavailable(e.getMessage());
        }
    }
}
