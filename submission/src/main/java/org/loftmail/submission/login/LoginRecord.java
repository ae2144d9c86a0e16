package org.loftmail.submission.login;

import java.time.Duration;
import java.time.Instant;
import org.loftmail.core.log.MailLog;
import org.loftmail.transport.Connection;

/**
 * What the login phase remembers for Dovecot's submission-login log lines: the attempts and failures, the last
 * user name and mechanism tried.
 *
 * <pre>
 * submission-login: Login: user=&lt;jsmith&gt;, method=PLAIN, rip=192.0.2.1, lip=192.0.2.2, mpid=4711, TLS, session=&lt;…&gt;
 * submission-login: Disconnected: Connection closed (auth failed, 1 attempts in 2 secs): user=&lt;jsmith&gt;, method=PLAIN, rip=…, lip=…, TLS, session=&lt;…&gt;
 * </pre>
 */
public final class LoginRecord {

    private final Connection connection;
    private final Instant started = Instant.now();
    private String lastUser;
    private String lastMethod;
    private int attempts;
    private int failures;
    private boolean disallowedPlaintext;

    public LoginRecord(Connection connection) {
        this.connection = connection;
    }

    public void attempt(String method) {
        attempts++;
        lastMethod = method;
    }

    public void failed(String user) {
        failures++;
        if (user != null && !user.isEmpty()) {
            lastUser = user;
        }
    }

    public void triedDisallowedPlaintext(String method) {
        disallowedPlaintext = true;
        lastMethod = method;
    }

    public int failures() {
        return failures;
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
        StringBuilder b = new StringBuilder();
        b.append(", rip=").append(connection.remoteIp()).append(", lip=").append(connection.localIp());
        if (withPid) {
            b.append(", mpid=").append(ProcessHandle.current().pid());
        }
        if (connection.isSecure()) {
            b.append(", TLS");
        } else if (connection.remoteIp().equals(connection.localIp())) {
            b.append(", secured");
        }
        return b.append(", session=<").append(connection.sessionId()).append('>').toString();
    }
}
