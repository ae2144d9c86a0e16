package org.loftmail.pop3;

import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.AuthResult;
import org.loftmail.core.log.MailLog;
import org.loftmail.pop3.codec.MessageStreamer;
import org.loftmail.pop3.codec.Pop3Writer;
import org.loftmail.pop3.maildrop.LogoutStats;
import org.loftmail.pop3.maildrop.Maildrop;
import org.loftmail.transport.Connection;

/**
 * One POP3 session as its commands see it (as IMAP's commands see an {@code ImapContext}): the connection and
 * its writer, the settings and the auth service, the login state before login, the maildrop and its counters
 * after it, and the three moves that change the session's state. Commands never see the session itself, so
 * neither the dispatcher nor the command table is reachable from a command.
 */
public interface Pop3Context {

    Pop3State state();

    Pop3Writer writer();

    Pop3Settings settings();

    AuthService auth();

    Connection connection();

    /** What the AUTHORIZATION state remembers (USER name, attempts, a SASL exchange in progress). */
    LoginState login();

    /** The session's log: pop3-login before login, pop3(user) after it. */
    MailLog log();

    /** The user's INBOX as POP3 sees it; only in the TRANSACTION state. */
    Maildrop maildrop();

    /** Dovecot's logout counters; only in the TRANSACTION state. */
    LogoutStats stats();

    MessageStreamer streamer();

    /** The connection as the auth service sees it. */
    ClientInfo clientInfo();

    /**
     * A successful authentication: the userdb lookup, the session lock, INBOX, then "+OK Logged in.". Any failure
     * after the password was accepted is answered and ends the connection, as in Dovecot.
     */
    void loggedIn(AuthResult.Success success, String method);

    /** QUIT before login. */
    void logoutBeforeLogin();

    /** QUIT after login: the UPDATE state, then the end of the session. */
    void update();
}
