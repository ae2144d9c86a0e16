package org.loftmail.imap;

import org.loftmail.auth.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dovecot's log lines, so fail2ban filters and log tooling keep working:
 * {@code imap-login: Login: user=<…>, method=PLAIN, rip=…, lip=…, mpid=…, TLS, session=<…>},
 * {@code imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<…>, method=PLAIN, rip=…},
 * {@code imap(user): Disconnected: Logged out in=… out=…}.
 */
final class SessionLog {

    private static final Logger LOGIN = LoggerFactory.getLogger("imap-login");
    private static final Logger IMAP = LoggerFactory.getLogger("imap");
    private static final long PID = ProcessHandle.current().pid();

    private SessionLog() {}

    private static String tls(ImapContext ctx) {
        return ctx.connection().isSecure() ? ", TLS" : "";
    }

    static void login(ImapContext ctx, String user, String method) {
        LOGIN.info("imap-login: Login: user=<{}>, method={}, rip={}, lip={}, mpid={}{}, session=<{}>", LogSafe.text(user),
                method, ctx.connection().remoteIp(), ctx.connection().localIp(), PID, tls(ctx), ctx.connection().sessionId());
    }

    static void authFailed(ImapContext ctx, String user, String method, long startedMillis) {
        long secs = Math.max(0, (System.currentTimeMillis() - startedMillis) / 1000);
        LOGIN.info("imap-login: Disconnected (auth failed, {} attempts in {} secs): user=<{}>, method={}, rip={}, lip={}{}, session=<{}>",
                ctx.failedLogins(), secs, LogSafe.text(user == null ? "" : user), method, ctx.connection().remoteIp(),
                ctx.connection().localIp(), tls(ctx), ctx.connection().sessionId());
    }

    static void loginDisconnected(ImapContext ctx, String why) {
        LOGIN.info("imap-login: Disconnected ({}): user=<>, rip={}, lip={}{}, session=<{}>", why, ctx.connection().remoteIp(),
                ctx.connection().localIp(), tls(ctx), ctx.connection().sessionId());
    }

    static void disconnected(ImapContext ctx, String why) {
        IMAP.info("imap({}): Disconnected: {} in={} out={}", LogSafe.text(ctx.user()), why, ctx.connection().bytesIn(),
                ctx.connection().bytesOut());
    }

    static void loggedOut(ImapContext ctx) {
        disconnected(ctx, "Logged out");
    }
}
