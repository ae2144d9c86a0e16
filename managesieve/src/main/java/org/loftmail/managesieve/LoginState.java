package org.loftmail.managesieve;

import java.time.Duration;
import java.time.Instant;
import org.loftmail.core.log.MailLog;
import org.loftmail.transport.Connection;

/**
 * What the non-authenticated state remembers: authentication attempts (for Dovecot's "auth failed, 3 attempts in
 * 8 secs" wording) and a SASL exchange in progress. It never touches scripts.
 */
public final class LoginState {

    /** A SASL exchange waiting for the client's next response (a string, or "*"). */
    @FunctionalInterface
    public interface PendingExchange {
        void onResponse(java.util.List<org.loftmail.managesieve.codec.Arguments.Arg> response);
    }

    private final Connection connection;
    private Instant started = Instant.now();
    private String lastUser;
    private String lastMethod;
    private int attempts;
    private int failures;
    private boolean disallowedPlaintext;
    private PendingExchange sasl;

    public LoginState(Connection connection) {
        this.connection = connection;
    }

    public void attempt(String method) {
        attempts++;
        lastMethod = method;
    }

    public void failed(String user) {
        failures++;
        if (user != null && !user.isEmpty()) lastUser = user;
    }

    public void triedDisallowedPlaintext(String user) {
        disallowedPlaintext = true;
        if (user != null && !user.isEmpty()) lastUser = user;
    }

    public boolean saslInProgress() {
        return sasl != null;
    }

    public void startSasl(PendingExchange exchange) {
        this.sasl = exchange;
    }

    public void endSasl() {
        this.sasl = null;
    }

    public void onSaslResponse(java.util.List<org.loftmail.managesieve.codec.Arguments.Arg> response) {
        sasl.onResponse(response);
    }

    /** After UNAUTHENTICATE: a new login phase. */
    public void reset() {
        started = Instant.now();
        lastUser = null;
        lastMethod = null;
        attempts = 0;
        failures = 0;
        disallowedPlaintext = false;
        sasl = null;
    }

    /** "(auth failed, 1 attempts in 2 secs): user=<jsmith>, method=PLAIN, rip=…, lip=…, TLS, session=<…>". */
    public String describe() {
        long secs = Duration.between(started, Instant.now()).toSeconds();
        String summary = disallowedPlaintext && failures == 0 ? "(tried to use disallowed plaintext auth)"
                : attempts == 0 ? "(no auth attempts in " + secs + " secs)"
                : failures > 0 ? "(auth failed, " + failures + " attempts in " + secs + " secs)"
                : "(" + attempts + " attempts in " + secs + " secs)";
        StringBuilder b = new StringBuilder(summary).append(": user=<")
                .append(lastUser == null ? "" : MailLog.sanitize(lastUser)).append('>');
        if (lastMethod != null) b.append(", method=").append(lastMethod);
        return b.append(connectionFields(false)).toString();
    }

    /** The fields of Dovecot's "Login:" line. */
    public String describeLogin(String user, String method) {
        return "user=<" + MailLog.sanitize(user) + ">, method=" + method + connectionFields(true);
    }

    private String connectionFields(boolean withPid) {
        StringBuilder b = new StringBuilder();
        b.append(", rip=").append(connection.remoteIp()).append(", lip=").append(connection.localIp());
        if (withPid) b.append(", mpid=").append(ProcessHandle.current().pid());
        if (connection.isSecure()) {
            b.append(", TLS");
        } else if (connection.remoteIp().equals(connection.localIp())) {
            b.append(", secured");
        }
        return b.append(", session=<").append(connection.sessionId()).append('>').toString();
    }
}
