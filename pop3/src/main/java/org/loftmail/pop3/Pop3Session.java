package org.loftmail.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.pop3.codec.ClientGoneException;
import org.loftmail.pop3.codec.MessageStreamer;
import org.loftmail.pop3.codec.Pop3Request;
import org.loftmail.pop3.codec.Pop3Writer;
import org.loftmail.pop3.codec.ResponseCode;
import org.loftmail.pop3.maildrop.LogoutFormat;
import org.loftmail.pop3.maildrop.LogoutStats;
import org.loftmail.pop3.maildrop.Maildrop;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;

/**
 * One POP3 connection: the dispatcher (states from {@link CommandTable}), the login phase ({@link LoginState}),
 * and after login the {@link Maildrop} with its counters. Commands see it through a {@link Pop3Context}. Runs on
 * the transport's serial executor, one line at a time, so nothing here needs locking.
 */
public final class Pop3Session implements Session {

    /** Dovecot's limits: 3 unknown commands before login, 20 failed commands in a row after it. */
    static final int MAX_BAD_COMMANDS_BEFORE_LOGIN = 3;
    static final int MAX_BAD_COMMANDS = 20;
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(3);
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final Pop3Service service;
    private final Connection connection;
    private final Pop3Writer writer;
    private final LoginState login;
    private final Pop3Context context = new Context();
    private final MessageStreamer streamer;
    private final MailLog loginLog = MailLog.of("pop3-login");
    private Pop3State state = Pop3State.AUTHORIZATION;
    private MailLog log = loginLog;
    private String user;
    private Maildrop maildrop;
    private LogoutStats stats;
    private HeldLock lock;
    private String userIpKey;
    private int badCommands;
    private boolean ended;

    Pop3Session(Pop3Service service, Connection connection) {
        this.service = service;
        this.connection = connection;
        this.writer = new Pop3Writer(connection);
        this.login = new LoginState(connection);
        Pop3Settings s = service.settings();
        this.streamer = new MessageStreamer(s.has(Pop3Settings.ClientWorkaround.OUTLOOK_NO_NULS),
                s.has(Pop3Settings.ClientWorkaround.OE_NS_EOH));
    }

    @Override
    public void start() {
        connection.setIdleTimeout(LOGIN_TIMEOUT);
        writer.ok(service.settings().loginGreeting());
        writer.flush();
    }

    @Override
    public void onLine(byte[] line) {
        if (ended) {
            return;
        }
        try {
            if (login.saslInProgress()) {
                login.onSaslResponse(line);
            } else {
                dispatch(Pop3Request.parse(line));
            }
        } catch (ClientGoneException e) {
            return; // onClose follows and ends the session
        } catch (IOException | RuntimeException e) {
            log.error("Command failed: " + e, e);
            writer.err(ResponseCode.SYS_TEMP, "Internal error occurred. Refer to server log for more information.");
        }
        writer.flush();
    }

    private void dispatch(Pop3Request request) throws IOException {
        String args = state == Pop3State.TRANSACTION ? request.args().stripLeading() : request.args();
        Optional<CommandTable.Entry> entry =
                CommandTable.lookup(request.keyword(), state, service.settings().enableLast());
        if (entry.isEmpty()) {
            unknownCommand(request);
            return;
        }
        if (state == Pop3State.TRANSACTION && lock != null && lock.lost()) {
            // another server broke our pop3_lock_session lock as stale: stop before we both delete (as Dovecot)
            writer.err(ResponseCode.SYS_TEMP, "Couldn't update POP3 session lock.");
            end("Couldn't lock POP3 session");
            return;
        }
        boolean ok = entry.get().command().execute(context, args);
        if (state == Pop3State.TRANSACTION) {
            badCommands = ok ? 0 : badCommands + 1;
            if (badCommands > MAX_BAD_COMMANDS) {
                writer.err("Too many bad commands.");
                end("Too many bad commands");
            }
        }
    }

    private void unknownCommand(Pop3Request request) {
        if (state == Pop3State.AUTHORIZATION) {
            writer.err("Unknown command.");
            if (++badCommands >= MAX_BAD_COMMANDS_BEFORE_LOGIN) {
                writer.err("Too many invalid bad commands.");
                loginLog.info("Disconnected: Too many invalid commands. " + login.describe());
                endQuietly();
            }
            return;
        }
        writer.err("Unknown command: " + (request.keywordIsPrintable() ? request.keyword() : "?"));
        if (++badCommands > MAX_BAD_COMMANDS) {
            writer.err("Too many bad commands.");
            end("Too many bad commands");
        }
    }

    @Override
    public void onLineTooLong() {
        writer.err("Input line too long.");
        writer.flush();
    }

    @Override
    public void onIdleTimeout(Connection c) {
        writer.err("Disconnected for inactivity.");
        if (state == Pop3State.TRANSACTION) {
            end("Inactivity - no input for " + IDLE_TIMEOUT.toSeconds() + " secs");
        } else {
            loginLog.info("Disconnected: Inactivity " + login.describe());
            endQuietly();
        }
    }

    @Override
    public void onClose() {
        if (ended) {
            return;
        }
        if (state == Pop3State.TRANSACTION) {
            finishSession(false, "Connection closed");
        } else if (state == Pop3State.AUTHORIZATION) {
            loginLog.info("Disconnected: Connection closed " + login.describe());
        }
        ended = true;
        release();
    }

    /** The session as its commands see it. */
    private final class Context implements Pop3Context {

        @Override
        public Pop3State state() {
            return state;
        }

        @Override
        public Pop3Writer writer() {
            return writer;
        }

        @Override
        public Pop3Settings settings() {
            return service.settings();
        }

        @Override
        public AuthService auth() {
            return service.auth();
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public LoginState login() {
            return login;
        }

        @Override
        public MailLog log() {
            return log;
        }

        @Override
        public Maildrop maildrop() {
            return maildrop;
        }

        @Override
        public LogoutStats stats() {
            return stats;
        }

        @Override
        public MessageStreamer streamer() {
            return streamer;
        }

        @Override
        public ClientInfo clientInfo() {
            return Pop3Session.this.clientInfo();
        }

        @Override
        public void loggedIn(AuthResult.Success success, String method) {
            Pop3Session.this.loggedIn(success, method);
        }

        @Override
        public void logoutBeforeLogin() {
            Pop3Session.this.logoutBeforeLogin();
        }

        @Override
        public void update() {
            Pop3Session.this.update();
        }
    }

    private Pop3Settings settings() {
        return service.settings();
    }

    /** The connection as the auth service sees it. */
    private ClientInfo clientInfo() {
        InetSocketAddress local = connection.localAddress() instanceof InetSocketAddress l ? l : null;
        InetSocketAddress remote = connection.remoteAddress() instanceof InetSocketAddress r ? r : null;
        return new ClientInfo("pop3",
                local == null ? null : local.getAddress(), local == null ? 0 : local.getPort(),
                remote == null ? null : remote.getAddress(), remote == null ? 0 : remote.getPort(),
                connection.isSecure(), false, null, connection.sessionId());
    }

    /** QUIT before login. */
    private void logoutBeforeLogin() {
        loginLog.info("Disconnected: Aborted login by logging out " + login.describe());
        endQuietly();
    }

    /**
     * A successful authentication: the userdb lookup, the session lock, INBOX, then "+OK Logged in.". Any
     * failure after the password was accepted is answered and ends the connection, as in Dovecot.
     */
    private void loggedIn(AuthResult.Success success, String method) {
        ClientInfo client = clientInfo();
        UserLookup lookup = service.auth().lookupUser(client, success);
        if (!(lookup instanceof UserLookup.Found found)) {
            loginLog.error("user " + MailLog.sanitize(success.user()) + ": userdb lookup failed: " + lookup);
            writer.err(ResponseCode.SYS_TEMP, "Temporary authentication failure.");
            endQuietly();
            return;
        }
        UserInfo info = found.info();
        this.user = info.user();
        loginLog.info("Login: " + login.describeLogin(user, method));
        this.log = MailLog.of("pop3", user);
        String key = user + "/" + connection.remoteIp();
        if (!service.userIpConnections().tryAcquire(key)) {
            writer.err(ResponseCode.IN_USE, "Maximum number of connections from user+IP exceeded "
                    + "(mail_max_userip_connections=" + settings().maxUserIpConnections() + ")");
            log.info("Disconnected: Maximum number of connections from user+IP exceeded "
                    + "(mail_max_userip_connections=" + settings().maxUserIpConnections() + ")");
            endQuietly();
            return;
        }
        userIpKey = key;
        MailStorage storage;
        try {
            storage = service.storage().open(info);
        } catch (MailStorageException | RuntimeException e) {
            log.error("Couldn't open mail storage: " + e.getMessage());
            writer.err(ResponseCode.SYS_TEMP, "Internal error occurred. Refer to server log for more information.");
            endQuietly();
            return;
        }
        try {
            if (settings().lockSession()) {
                Optional<HeldLock> held;
                try {
                    held = storage.lockPop3Session(settings().lockWait());
                } catch (MailStorageException e) {
                    log.error("pop3_lock_session: " + e.getMessage());
                    storage.close();
                    writer.err(ResponseCode.SYS_TEMP, "Failed to create POP3 session lock.");
                    logCouldNotLock();
                    endQuietly();
                    return;
                }
                if (held.isEmpty()) {
                    storage.close();
                    writer.err(ResponseCode.IN_USE, "Mailbox is locked by another POP3 session.");
                    logCouldNotLock();
                    endQuietly();
                    return;
                }
                lock = held.get();
            }
            maildrop = Maildrop.open(storage, settings());
        } catch (MailStorageException | RuntimeException e) {
            log.error("Couldn't open INBOX: " + e.getMessage());
            storage.close();
            release();
            writer.err(ResponseCode.SYS_TEMP, "Internal error occurred. Refer to server log for more information.");
            endQuietly();
            return;
        }
        stats = new LogoutStats(maildrop.count(), maildrop.totalSize());
        state = Pop3State.TRANSACTION;
        badCommands = 0;
        connection.setIdleTimeout(IDLE_TIMEOUT);
        writer.ok("Logged in.");
    }

    /** Dovecot's log line when pop3_lock_session's lock could not be taken. */
    private void logCouldNotLock() {
        log.info("Disconnected: Couldn't lock POP3 session "
                + LogoutFormat.expand(settings().logoutFormat(), new LogoutStats(0, 0),
                        connection.bytesIn(), connection.bytesOut(), connection.sessionId()));
    }

    /** QUIT after login: the UPDATE state. */
    private void update() {
        state = Pop3State.UPDATE;
        try {
            int deleted = maildrop.update(true);
            stats.deleted(deleted, maildrop.deletedBytes());
            writer.ok(deleted > 0 ? "Logging out, messages deleted." : "Logging out.");
            logDisconnect("Logged out");
        } catch (MailStorageException | RuntimeException e) {
            log.error("Updating INBOX at QUIT failed: " + e.getMessage());
            writer.err(ResponseCode.SYS_TEMP, "Storage error during logout.");
            logDisconnect("Storage error during logout");
        }
        ended = true;
        release();
        connection.close();
    }

    /** Ends a logged-in session without QUIT: \Seen is kept, deletions are not. */
    private void end(String reason) {
        finishSession(false, reason);
        ended = true;
        release();
        connection.close();
    }

    private void finishSession(boolean quit, String reason) {
        try {
            maildrop.update(quit);
        } catch (MailStorageException | RuntimeException e) {
            log.error("Updating \\Seen flags at disconnect failed: " + e.getMessage());
        }
        logDisconnect(reason);
    }

    private void logDisconnect(String reason) {
        log.info("Disconnected: " + reason + " " + LogoutFormat.expand(settings().logoutFormat(), stats,
                connection.bytesIn(), connection.bytesOut(), connection.sessionId()));
    }

    private void endQuietly() {
        ended = true;
        state = Pop3State.UPDATE;
        release();
        connection.close();
    }

    private void release() {
        try {
            if (maildrop != null) {
                maildrop.close();
                maildrop = null;
            }
        } finally {
            if (lock != null) {
                lock.close();
                lock = null;
            }
            if (userIpKey != null) {
                service.userIpConnections().release(userIpKey);
                userIpKey = null;
            }
        }
    }
}
