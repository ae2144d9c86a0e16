package org.loftmail.managesieve;

import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.codec.ResponseWriter;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.transport.Connection;

/** What a command sees of its session (commands never get the session itself). */
public interface ManageSieveContext {

    ManageSieveState state();

    /**
     * A command's arguments or syntax are wrong: answers as Pigeonhole does ({@code NO "Error in MANAGESIEVE command
     * PUTSCRIPT: Invalid arguments."} after login, {@code NO "Error in MANAGESIEVE command received by server."}
     * before it) and counts a bad command (too many end the connection with BYE).
     */
    void commandError(String detail);

    ResponseWriter writer();

    ManageSieveSettings settings();

    Capabilities capabilities();

    AuthService auth();

    Connection connection();

    ClientInfo clientInfo();

    LoginState login();

    /** The session's log: {@code managesieve-login} before login, {@code managesieve(user)} after. */
    MailLog log();

    /** The logged-in user's scripts; only in the authenticated state. */
    SieveScriptStore store();

    SieveCompiler compiler();

    /** Authentication succeeded: open the user's scripts and answer ({@code additional}: SASL data for the OK). */
    void loggedIn(AuthResult.Success success, String mechanism, java.util.Optional<byte[]> additional);

    /** STARTTLS was answered and the handshake begun: the capabilities go out again over TLS. */
    void startedTls();

    /** LOGOUT: the answer is written; log and close. */
    void logout();

    /** UNAUTHENTICATE (RFC 5804 section 2.14.1): back to the non-authenticated state. */
    void unauthenticate();
}
