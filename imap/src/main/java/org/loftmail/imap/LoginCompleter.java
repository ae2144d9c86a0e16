package org.loftmail.imap;

import org.loftmail.auth.AuthResult;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.UserRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a password or SASL exchange succeeded: the per-user-and-address limit
 * ({@code mail_max_userip_connections}), opening the user's mail, the switch to the authenticated state and the
 * tagged OK with the post-login capabilities; and the answers to failures, with Dovecot's response codes.
 */
public final class LoginCompleter {

    private static final Logger LOG = LoggerFactory.getLogger("imap-login");

    private LoginCompleter() {}

    public static Completion complete(ImapContext ctx, AuthResult result, String method, String attemptedUser) {
        if (result instanceof AuthResult.Failure f) {
            ctx.countFailedLogin(f.user() != null ? f.user() : attemptedUser, method);
            return failure(f);
        }
        AuthResult.Success s = (AuthResult.Success) result;
        String key = s.user() + "/" + ctx.connection().remoteIp();
        if (!ctx.services().userIpLimiter().tryAcquire(key)) {
            LOG.info("imap-login: Maximum number of connections from user+IP exceeded (mail_max_userip_connections={}): user=<{}>, rip={}",
                    ctx.settings().maxUserIpConnections(), org.loftmail.auth.LogSafe.text(s.user()), ctx.connection().remoteIp());
            return Completion.no("LIMIT", "Maximum number of connections from user+IP exceeded (mail_max_userip_connections="
                    + ctx.settings().maxUserIpConnections() + ")");
        }
        MailStorage storage;
        try {
            storage = ctx.services().storage().open(s, ctx.clientInfo());
        } catch (Exception e) {
            ctx.services().userIpLimiter().release(key);
            return refused(ctx, s.user(), e);
        }
        ctx.loggedIn(s.user(), storage, method, key);
        ctx.connection().setIdleTimeout(ctx.settings().autologout());
        SessionLog.login(ctx, s.user(), method);
        return Completion.ok("CAPABILITY " + String.join(" ", Capabilities.postLogin(ctx)), "Logged in");
    }

    /**
     * The user authenticated but the server will not serve their mail. Dovecot answers no tagged response here: a
     * failed userdb lookup ends the login process's connection with {@code * BYE [UNAVAILABLE] Internal login
     * failure…}; a refusal in the mail process (first_valid_uid, a mail location or home it will not use, a storage
     * that cannot be opened) with {@code * BYE Internal error occurred…} (imap/main.c, login_client_connected). The
     * reason goes to the log: {@link UserRefusedException}s were logged where they were found, anything else here.
     */
    private static Completion refused(ImapContext ctx, String user, Exception e) {
        boolean userdb = e instanceof UserRefusedException r && r.userdbFailed();
        if (!(e instanceof UserRefusedException)) {
            org.loftmail.core.log.MailLog.of("imap", user).error(
                    org.loftmail.core.log.MailLog.sanitize(String.valueOf(e.getMessage())));
            LOG.debug("cannot open the mail of {}", org.loftmail.auth.LogSafe.text(user), e);
        }
        LOG.info("Disconnected: Internal login failure: user=<{}>, rip={}",
                org.loftmail.auth.LogSafe.text(user), ctx.connection().remoteIp());
        if (userdb) {
            ctx.out().status(null, "BYE", "UNAVAILABLE", INTERNAL_LOGIN_FAILURE);
        } else {
            ctx.out().status(null, "BYE", null, StorageErrors.INTERNAL_ERROR);
        }
        ctx.requestClose();
        return null;
    }

    static final String INTERNAL_LOGIN_FAILURE = "Internal login failure. Refer to server log for more information.";

    static Completion failure(AuthResult.Failure f) {
        String custom = f.clientMessage();
        return switch (f.kind()) {
            case TEMPORARY -> Completion.no("UNAVAILABLE", custom != null ? custom : "Temporary authentication failure.");
            case PLAINTEXT_DISABLED -> Completion.no("PRIVACYREQUIRED",
                    "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
            case PASSWORD_EXPIRED -> Completion.no("EXPIRED", custom != null ? custom : "Password has expired.");
            case NOT_AUTHORIZED -> Completion.no("AUTHORIZATIONFAILED", custom != null ? custom : "Authorization failed.");
            case MALFORMED -> Completion.bad("Invalid authentication data.");
            default -> Completion.no("AUTHENTICATIONFAILED", custom != null ? custom : "Authentication failed.");
        };
    }
}
