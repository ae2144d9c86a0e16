package org.loftmail.submission.command;

import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.smtp.server.ServerContext;
import org.loftmail.submission.SubmissionSettings;
import org.loftmail.submission.login.LoginRecord;
import org.loftmail.submission.login.SenderPolicy;
import org.loftmail.submission.relay.ClientFacts;
import org.loftmail.submission.relay.Outbound;

/** What submission's own commands need besides the shared SMTP transaction (recipients are plain addresses). */
public interface SubmissionContext extends ServerContext<String> {

    SubmissionSettings settings();

    AuthService auth();

    /** The connection as the auth service sees it. */
    ClientInfo clientInfo();

    LoginRecord login();

    /** The user, once authenticated; null before. */
    String user();

    /** Who the user may send as (unrestricted before login, never consulted then). */
    SenderPolicy senderPolicy();

    /** Where accepted mail goes. */
    Outbound outbound();

    ClientFacts clientFacts();

    /** HELO (RFC 821) rather than EHLO was the last hello: no extensions, "SMTP" in Received. */
    void oldHelo(boolean old);

    /** A SASL exchange is waiting for the client's next line. */
    void awaitSasl(SaslDialog dialog);

    /** Authentication succeeded: the userdb lookup, the per-user limits, then 235 (or a refusal). */
    void loggedIn(AuthResult.Success success, String mechanism);
}
