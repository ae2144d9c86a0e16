package org.loftmail.pop3;

import java.time.Duration;
import java.time.Instant;
import org.loftmail.core.log.MailLog;
import org.loftmail.transport.Connection;

/**
 * What the AUTHORIZATION state remembers: the name given with USER, how many authentications were tried (for
 * Dovecot's "auth failed, 3 attempts in 8 secs" log wording), and a SASL exchange in progress. It never touches
 * a mailbox.
 */
public final class LoginState {

    /** A SASL exchange waiting for the client's next line (the login package's dialog). */
    @FunctionalInterface
    public interface PendingExchange {
        void onResponse(byte[] line);
    }

    private final Connection connection;
    private final Instant started = Instant.now();
    private String pendingUser;
    private String lastUser;
    private String lastMethod;
    private int attempts;
    private int failures;
    private boolean disallowedPlaintext;
    private PendingExchange sasl;

    public LoginState(Connection connection) {
        this.connection = connection;
    }

    public void setPendingUser(String user) {
        this.pendingUser = user;
        if (user != null) {
            this.lastUser = user;
        }
    }

    /** USER/PASS or a plaintext mechanism was refused under disable_plaintext_auth (Dovecot logs this apart). */
    public void triedDisallowedPlaintext(String user, String method) {
        disallowedPlaintext = true;
        if (user != null) {
            lastUser = user;
        }
        lastMethod = method;
    }

    public String pendingUser() {
        return pendingUser;
    }

    public void attempt(String user, String method) {
        attempts++;
        lastUser = user;
        lastMethod = method;
    }

    public void failed() {
        failures++;
    }

    /** A failed attempt whose user the auth service named (SASL mechanisms carry it inside the exchange). */
    public void failed(String user) {
        failures++;
        if (user != null && !user.isEmpty()) {
            lastUser = user;
        }
    }

    public boolean saslInProgress() {
        return sasl != null;
    }

    public void startSasl(PendingExchange dialog) {
        this.sasl = dialog;
    }

    public void endSasl() {
        this.sasl = null;
    }

    /** A client line while a SASL exchange waits for the client's response. */
    public void onSaslResponse(byte[] line) {
        sasl.onResponse(line);
    }

    /** "(auth failed, 1 attempts in 2 secs): user=<jsmith>, method=PLAIN, rip=…, lip=…, TLS, session=<…>". */
    public String describe() {
        long secs = Duration.between(started, Instant.now()).toSeconds();
        String summary = disallowedPlaintext && failures == 0
                ? "(tried to use disallowed plaintext auth)"
                : attempts == 0
                ? "(no auth attempts in " + secs + " secs)"
                : failures > 0 ? "(auth failed, " + failures + " attempts in " + secs + " secs)"
                : "(" + attempts + " attempts in " + secs + " secs)";
        StringBuilder b = new StringBuilder(summary).append(": user=<")
                .append(lastUser == null ? "" : MailLog.sanitize(lastUser)).append('>');
        if (lastMethod != null) {
            b.append(", method=").append(lastMethod);
        }
        return b.append(connectionFields(false)).toString();
    }

    /** The fields of Dovecot's "Login:" line. */
    public String describeLogin(String user, String method) {
        return "user=<" + MailLog.sanitize(user) + ">, method=" + method + connectionFields(true);
    }

    private String connectionFields(boolean withPid) {
        var c = connection;
        StringBuilder b = new StringBuilder();
        b.append(", rip=").append(c.remoteIp()).append(", lip=").append(c.localIp());
        if (withPid) {
            b.append(", mpid=").append(ProcessHandle.current().pid());
        }
        if (c.isSecure()) {
            b.append(", TLS");
        } else if (c.remoteIp().equals(c.localIp())) {
            b.append(", secured");
        }
        return b.append(", session=<").append(c.sessionId()).append('>').toString();
    }
}
