package org.loftmail.managesieve;

import org.loftmail.auth.UserInfo;
import org.loftmail.core.log.MailLog;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreException;

/**
 * Opens a logged-in user's script storage: the server resolves {@code sieve} (or the userdb's {@code sieve} field)
 * for the user, with home, uid and gid from the userdb answer. Called on the session's virtual thread.
 */
@FunctionalInterface
public interface SieveStoreOpener {

    SieveScriptStore open(UserInfo user, MailLog log) throws SieveStoreException;
}
