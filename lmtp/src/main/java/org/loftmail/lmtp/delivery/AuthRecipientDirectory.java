package org.loftmail.lmtp.delivery;

import java.util.Objects;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.StorageUser;

/**
 * The userdb lookups of delivery, answered by the {@link AuthService} (which applies auth_username_format, its
 * cache and the userdb chain), with the userdb's answer turned into the storage to open by the server's mapping
 * (mail_location expansion, mail_uid/mail_gid, quota rules).
 */
public final class AuthRecipientDirectory implements RecipientDirectory {

    /** userdb answer → storage, e.g. the server's {@code info -> userStorage.storageUser(info, "lmtp")}. */
    @FunctionalInterface
    public interface StorageMapping {
        StorageUser storageUser(UserInfo info) throws MailStorageException;
    }

    private final AuthService auth;
    private final ClientInfo client;
    private final StorageMapping mapping;

    /**
     * @param auth    the auth service
     * @param service "lmtp" or "lda" (the {@code %s} of userdb templates and the auth cache key)
     * @param mapping userdb answer → storage
     */
    public AuthRecipientDirectory(AuthService auth, String service, StorageMapping mapping) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.client = ClientInfo.local(service);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    @Override
    public Lookup lookup(String user) {
        UserLookup answer;
        try {
            answer = auth.lookupUser(client, user);
        } catch (RuntimeException e) {
            return new Unavailable("userdb lookup failed: " + e);
        }
        return switch (answer) {
            case UserLookup.NotFound n -> new NotFound();
            case UserLookup.TemporaryFailure t -> new Unavailable(t.reason());
            case UserLookup.Found found -> {
                try {
                    yield new Found(found.info().user(), mapping.storageUser(found.info()), found.info().fields());
                } catch (MailStorageException | RuntimeException e) {
                    yield new Unavailable("cannot open mail for " + found.info().user() + ": " + e.getMessage());
                }
            }
        };
    }
}
