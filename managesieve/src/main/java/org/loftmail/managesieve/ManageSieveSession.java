package org.loftmail.managesieve;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.managesieve.codec.ResponseWriter;
import org.loftmail.managesieve.command.CapabilityCommand;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreException;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.LiteralAssembler;
import org.loftmail.transport.literal.LiteralPlan;
import org.loftmail.transport.literal.WireSyntaxException;

/**
 * One ManageSieve connection: commands put together from lines and literals by {@link LiteralAssembler} (ADR 0504),
 * states enforced from {@link CommandTable} before a command's literal is read, the login phase
 * ({@link LoginState}), and after login the user's {@link SieveScriptStore}. Commands see it through a
 * {@link ManageSieveContext}. Runs on the transport's serial executor, so nothing here needs locking.
 */
final class ManageSieveSession implements Session, LiteralAssembler.Protocol {

    /** Dovecot's limits: 3 invalid commands before login, 20 failed commands in a row after it. */
    static final int MAX_BAD_COMMANDS_BEFORE_LOGIN = 3;
    static final int MAX_BAD_COMMANDS = 20;
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(3);
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Largest upload when sieve_max_script_size is 0 (no limit): it is still held in memory to compile. */
    static final long UNLIMITED_SCRIPT_CAP = 64L * 1024 * 1024;
    /** A SASL response before login is a line, or a literal up to this size. */
    static final long MAX_SASL_RESPONSE = 64 * 1024;

    private final ManageSieveService service;
    private final Connection connection;
    private final ResponseWriter writer;
    private final LoginState login;
    private final LiteralAssembler assembler;
    private final ManageSieveContext context = new Context();
    private final MailLog loginLog = MailLog.of("managesieve-login");
    private ManageSieveState state = ManageSieveState.NOT_AUTHENTICATED;
    private MailLog log = loginLog;
    private SieveScriptStore store;
    private String userIpKey;
    private int badCommands;
    private String currentCommand = "";
    private boolean commandFailed;
    private boolean ended;

    ManageSieveSession(ManageSieveService service, Connection connection) {
        this.service = service;
        this.connection = connection;
        this.writer = new ResponseWriter(connection);
        this.login = new LoginState(connection);
        this.assembler = new LiteralAssembler(this, connection::readRaw);
    }

    @Override
    public void start() {
        connection.setIdleTimeout(LOGIN_TIMEOUT);
        CapabilityCommand.writeBeforeLogin(context, connection.isSecure());
        writer.ok(service.settings().loginGreeting());
        writer.flush();
    }

    @Override
    public void onLine(byte[] line) {
        if (ended) return;
        try {
            assembler.onLine(line);
        } catch (RuntimeException e) {
            internalError(e);
        }
        writer.flush();
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        if (ended) return;
        try {
            assembler.onRawData(chunk, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
        } catch (RuntimeException e) {
            internalError(e);
        }
        writer.flush();
    }

    private void internalError(RuntimeException e) {
        log.error("Command failed: " + e, e);
        writer.no("TRYLATER", "Internal error occurred. Refer to server log for more information.");
    }

    @Override
    public void onLineTooLong() {
        assembler.abandonCommand();
        writer.no("Too long argument.");
        writer.flush();
    }

    // ---- LiteralAssembler.Protocol ------------------------------------------------------------------------

    @Override
    public LiteralPlan plan(List<byte[]> lines, List<byte[]> literals, LiteralAnnouncement literal) {
        if (login.saslInProgress()) {
            return new LiteralPlan.Buffer(MAX_SASL_RESPONSE, () -> {
                login.endSasl();
                login.failed(null);
                writer.no("Authentication response too large");
            });
        }
        currentCommand = commandName(lines.get(0));
        Optional<CommandTable.Entry> entry = CommandTable.lookup(currentCommand, state);
        if (entry.isEmpty()) return new LiteralPlan.Refuse(this::unknownCommand);
        if (entry.get().uploadsScript()) {
            long max = store.settings().maxScriptSize();
            long cap = max > 0 ? max : UNLIMITED_SCRIPT_CAP;
            return new LiteralPlan.Buffer(cap + service.settings().maxLineLength(),
                    () -> writer.no("QUOTA/MAXSIZE", "Script is too large (max " + cap + " bytes)."));
        }
        return new LiteralPlan.Buffer(service.settings().maxLineLength(), () -> writer.no("Too long argument."));
    }

    @Override
    public Runnable malformed(List<byte[]> lines, String fixedText) {
        currentCommand = commandName(lines.get(0));
        return () -> commandError(fixedText);
    }

    /** ManageSieve clients send non-synchronising literals; a {@code {n}} one is read the same way, unasked. */
    @Override
    public void continueLiteral() {}

    @Override
    public void complete(List<byte[]> lines, List<byte[]> literals) {
        if (login.saslInProgress()) {
            List<Arguments.Arg> response;
            try {
                response = Arguments.parseArguments(lines, literals);
            } catch (WireSyntaxException e) {
                response = List.of();
            }
            login.onSaslResponse(response);
            return;
        }
        currentCommand = commandName(lines.get(0));
        commandFailed = false;
        Arguments args;
        try {
            args = Arguments.parse(lines, literals);
        } catch (WireSyntaxException e) {
            commandError(e.getMessage());
            return;
        }
        Optional<CommandTable.Entry> entry = CommandTable.lookup(args.command(), state);
        if (entry.isEmpty()) {
            unknownCommand();
            return;
        }
        entry.get().command().execute(context, args);
        if (!commandFailed && state == ManageSieveState.AUTHENTICATED) badCommands = 0;
    }

    /** The command word as it may appear in a reply: printable ASCII only, upper case, at most 32 characters. */
    private static String commandName(byte[] line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length && line[i] != ' ' && b.length() < 32; i++) {
            int c = line[i] & 0xff;
            b.append(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?');
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private void unknownCommand() {
        commandError("Unknown command.");
    }

    /**
     * Pigeonhole's answer to a command it cannot parse or run: before login one fixed text, after it the command
     * and the problem. Counted: the third before login, or more than 20 in a row after it, end the connection
     * with a BYE instead.
     */
    private void commandError(String detail) {
        if (ended) return;
        commandFailed = true;
        badCommands++;
        boolean loggedIn = state == ManageSieveState.AUTHENTICATED;
        if (loggedIn ? badCommands > MAX_BAD_COMMANDS : badCommands >= MAX_BAD_COMMANDS_BEFORE_LOGIN) {
            writer.bye("Too many invalid MANAGESIEVE commands.");
            if (loggedIn) {
                disconnected("Too many invalid MANAGESIEVE commands.");
            } else {
                loginLog.info("Disconnected: Too many invalid commands. " + login.describe());
            }
            endQuietly();
            return;
        }
        writer.no(loggedIn ? "Error in MANAGESIEVE command " + currentCommand + ": " + detail
                : "Error in MANAGESIEVE command received by server.");
    }

    // ---- life cycle ---------------------------------------------------------------------------------------

    @Override
    public void onIdleTimeout(Connection c) {
        writer.bye("Disconnected for inactivity.");
        if (state == ManageSieveState.AUTHENTICATED) {
            disconnected("Disconnected for inactivity");
        } else {
            loginLog.info("Disconnected: Inactivity " + login.describe());
        }
        endQuietly();
    }

    @Override
    public void onClose() {
        if (ended) return;
        assembler.abandonCommand();
        if (state == ManageSieveState.AUTHENTICATED) {
            // Pigeonhole's line for a client that goes away: "Connection closed bytes=…", no "Disconnected:"
            log.info("Connection closed " + service.settings().logoutLine(connection.bytesIn(), connection.bytesOut()));
        } else {
            loginLog.info("Disconnected: Connection closed " + login.describe());
        }
        ended = true;
        release();
    }

    private void disconnected(String reason) {
        log.info("Disconnected: " + reason + " "
                + service.settings().logoutLine(connection.bytesIn(), connection.bytesOut()));
    }

    private void endQuietly() {
        ended = true;
        release();
        connection.close();
    }

    private void release() {
        store = null;
        if (userIpKey != null) {
            service.userIpConnections().release(userIpKey);
            userIpKey = null;
        }
    }

    private ClientInfo clientInfo() {
        InetSocketAddress local = connection.localAddress() instanceof InetSocketAddress l ? l : null;
        InetSocketAddress remote = connection.remoteAddress() instanceof InetSocketAddress r ? r : null;
        return new ClientInfo("sieve",
                local == null ? null : local.getAddress(), local == null ? 0 : local.getPort(),
                remote == null ? null : remote.getAddress(), remote == null ? 0 : remote.getPort(),
                connection.isSecure(), false, null, connection.sessionId());
    }

    /** After authentication: the userdb lookup, the user+IP limit, the script storage, then OK "Logged in.". */
    private void loggedIn(AuthResult.Success success, String mechanism, Optional<byte[]> additional) {
        UserLookup lookup = service.auth().lookupUser(clientInfo(), success);
        if (!(lookup instanceof UserLookup.Found found)) {
            loginLog.error("user " + MailLog.sanitize(success.user()) + ": userdb lookup failed: " + lookup);
            writer.no("TRYLATER", "Temporary authentication failure.");
            return;
        }
        UserInfo info = found.info();
        String user = info.user();
        loginLog.info("Login: " + login.describeLogin(user, mechanism));
        MailLog userLog = MailLog.of("managesieve", user);
        String key = user + "/" + connection.remoteIp();
        if (!service.userIpConnections().tryAcquire(key)) {
            String why = "Maximum number of connections from user+IP exceeded (mail_max_userip_connections="
                    + service.settings().maxUserIpConnections() + ")";
            writer.bye(why);
            userLog.info("Disconnected: " + why);
            endQuietly();
            return;
        }
        userIpKey = key;
        SieveScriptStore opened;
        try {
            opened = service.stores().open(info, userLog);
        } catch (SieveStoreException | RuntimeException e) {
            userLog.error("Failed to open Sieve storage: " + MailLog.sanitize(String.valueOf(e.getMessage())));
            writer.bye("Internal error occurred. Refer to server log for more information.");
            endQuietly();
            return;
        }
        if (opened.storagePath().isEmpty()) {
            userLog.error("Failed to open Sieve storage: Personal script storage disabled or not found.");
            writer.bye("This user cannot manage personal Sieve scripts.");
            endQuietly();
            return;
        }
        store = opened;
        log = userLog;
        state = ManageSieveState.AUTHENTICATED;
        badCommands = 0;
        connection.setIdleTimeout(IDLE_TIMEOUT);
        if (additional.isPresent()) {
            writer.okWithCodeString("SASL", Base64.getEncoder().encode(additional.get()), "Logged in.");
        } else {
            writer.ok("Logged in.");
        }
    }

    private void logout() {
        if (state == ManageSieveState.AUTHENTICATED) {
            disconnected("Logged out");
        } else {
            loginLog.info("Disconnected: Aborted login by logging out " + login.describe());
        }
        endQuietly();
    }

    private void unauthenticate() {
        disconnected("Logged out");
        release();
        log = loginLog;
        state = ManageSieveState.NOT_AUTHENTICATED;
        login.reset();
        badCommands = 0;
        connection.setIdleTimeout(LOGIN_TIMEOUT);
    }

    /** The session as its commands see it. */
    private final class Context implements ManageSieveContext {

        @Override
        public ManageSieveState state() {
            return state;
        }

        @Override
        public void commandError(String detail) {
            ManageSieveSession.this.commandError(detail);
        }

        @Override
        public ResponseWriter writer() {
            return writer;
        }

        @Override
        public ManageSieveSettings settings() {
            return service.settings();
        }

        @Override
        public Capabilities capabilities() {
            return service.capabilities();
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
        public ClientInfo clientInfo() {
            return ManageSieveSession.this.clientInfo();
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
        public SieveScriptStore store() {
            if (store == null) throw new IllegalStateException("not authenticated");
            return store;
        }

        @Override
        public SieveCompiler compiler() {
            return service.compiler();
        }

        @Override
        public void loggedIn(AuthResult.Success success, String mechanism, Optional<byte[]> additional) {
            ManageSieveSession.this.loggedIn(success, mechanism, additional);
        }

        @Override
        public void startedTls() {
            // RFC 5804 2.2: the capabilities again, now over TLS; written after the handshake by the TLS handler
            CapabilityCommand.writeBeforeLogin(this, true);
            writer.ok("TLS negotiation successful.");
        }

        @Override
        public void logout() {
            ManageSieveSession.this.logout();
        }

        @Override
        public void unauthenticate() {
            ManageSieveSession.this.unauthenticate();
        }
    }
}
