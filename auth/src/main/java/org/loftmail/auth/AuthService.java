package org.loftmail.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.loftmail.auth.sasl.MechanismFlag;
import org.loftmail.auth.sasl.SaslMechanism;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.sql.SqlDatabases;
import org.loftmail.auth.cache.AuthCache;
import org.loftmail.auth.passdb.PassDbChain;
import org.loftmail.auth.passdb.PassDbRegistry;
import org.loftmail.auth.passdb.PassDbResult;
import org.loftmail.auth.userdb.UserDbChain;
import org.loftmail.auth.userdb.UserDbRegistry;
import org.loftmail.auth.userdb.UserDbResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point every protocol uses to authenticate users and find where they live.
 *
 * <p>All methods block (file reads, JDBC, PAM, slow hashes, failure delays): call them from a
 * session's virtual thread, never from an event loop. Different requests never wait for each
 * other here; a slow driver only slows the requests that reach it (the SQL pools time out,
 * PAM is bounded by max_requests).
 */
public final class AuthService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final AuthSettings settings;
    private final PassDbChain passdbs;
    private final UserDbChain userdbs;
    private final UsernameNormalizer normalizer;
    private final FailurePenalty penalty;
    private final AuthCache cache;
    private final Sleeper sleeper;
    private final Map<String, SaslMechanism> mechanisms;

    /** Builds the service with the standard driver registries and password schemes. */
    public static AuthService create(AuthSettings settings) {
        return create(settings, Sleeper.REAL);
    }

    /** As {@link #create(AuthSettings)}, with a chosen way to wait (tests record the delays). */
    public static AuthService create(AuthSettings settings, Sleeper sleeper) {
        PasswordSchemes schemes = PasswordSchemes.standard();
        SqlDatabases sql = new SqlDatabases();
        return new AuthService(settings, new SchemePasswordVerifier(schemes), AuthMechanisms.create(settings, schemes),
                new PassDbRegistry(sql), new UserDbRegistry(sql), sleeper);
    }

    /**
     * @param mechanisms the SASL mechanisms enabled by auth_mechanisms, in that order
     */
    public AuthService(AuthSettings settings, PasswordVerifier verifier, List<SaslMechanism> mechanisms,
                       PassDbRegistry passdbRegistry, UserDbRegistry userdbRegistry, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Map<String, SaslMechanism> mechs = new LinkedHashMap<>();
        for (SaslMechanism m : mechanisms) {
            mechs.put(m.name().toUpperCase(java.util.Locale.ROOT), m);
        }
        this.mechanisms = java.util.Collections.unmodifiableMap(mechs);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (settings.passdbs().isEmpty()) {
            throw new IllegalArgumentException("No passdbs specified in configuration file");
        }
        if (settings.userdbs().isEmpty()) {
            throw new IllegalArgumentException("No userdbs specified in configuration file");
        }
        List<PassDbChain.Step> pSteps = new ArrayList<>();
        List<UserDbChain.Step> uSteps = new ArrayList<>();
        try {
            for (int i = 0; i < settings.passdbs().size(); i++) {
                PassDbSettings p = settings.passdbs().get(i);
                validateFields("passdb", i, p.driver(), p.defaultFields(), p.overrideFields());
                String key = passdbRegistry.names().contains(p.driver()) ? "args" : "driver";
                pSteps.add(new PassDbChain.Step(p,
                        AuthDbSetupException.about("passdb", i, key, () -> passdbRegistry.create(p, verifier))));
            }
            UserDbRegistry.Context ctx = new UserDbRegistry.Context(this::passdbExistence);
            for (int i = 0; i < settings.userdbs().size(); i++) {
                UserDbSettings u = settings.userdbs().get(i);
                validateFields("userdb", i, u.driver(), u.defaultFields(), u.overrideFields());
                String key = userdbRegistry.names().contains(u.driver()) ? "args" : "driver";
                uSteps.add(new UserDbChain.Step(u,
                        AuthDbSetupException.about("userdb", i, key, () -> userdbRegistry.create(u, ctx))));
            }
        } catch (RuntimeException e) {
            new PassDbChain(pSteps, false).close();
            new UserDbChain(uSteps).close();
            throw e;
        }
        this.passdbs = new PassDbChain(pSteps, settings.verbose(), settings.debug() || settings.debugPasswords());
        this.userdbs = new UserDbChain(uSteps, settings.verbose(), settings.debug() || settings.debugPasswords());
        this.normalizer = new UsernameNormalizer(settings);
        this.penalty = new FailurePenalty(settings.loginTrustedNetworks());
        this.cache = settings.cacheSizeBytes() > 0
                ? new AuthCache(settings.cacheSizeBytes(), settings.cacheTtl(), settings.cacheNegativeTtl())
                : null;
    }

    /** A passdb/userdb block's default_fields and override_fields templates, each refusal about its own key. */
    private static void validateFields(String section, int index, String driver, String defaults, String overrides) {
        AuthDbSetupException.about(section, index, "default_fields", () -> {
            AuthTemplates.validate(defaults, section + " " + driver + " default_fields");
            return null;
        });
        AuthDbSetupException.about(section, index, "override_fields", () -> {
            AuthTemplates.validate(overrides, section + " " + driver + " override_fields");
            return null;
        });
    }

    public AuthSettings settings() {
        return settings;
    }

    /**
     * Whether plaintext mechanisms (PLAIN, LOGIN, IMAP LOGIN, POP3 USER/PASS) may be used on this
     * connection: disable_plaintext_auth is off, or the connection is TLS, from
     * login_trusted_networks, or local (remote IP = local IP), as in Dovecot. A request without a
     * remote address (a tool on this machine, over a unix socket) has no network to protect.
     */
    public boolean plaintextAllowed(ClientInfo client) {
        return !settings.disablePlaintextAuth()
                || client.secured()
                || client.remoteIp() == null
                || settings.isTrusted(client)
                || (client.remoteIp() != null && client.remoteIp().equals(client.localIp()));
    }

    /** Every enabled SASL mechanism (for the auth socket's MECH lines), in auth_mechanisms order. */
    public List<SaslMechanism> mechanisms() {
        return List.copyOf(mechanisms.values());
    }

    /**
     * The mechanism names to advertise to this client (IMAP AUTH=, SMTP AUTH, POP3 SASL): private
     * ones are never listed, plaintext ones only where {@link #plaintextAllowed} says so.
     */
    public List<String> advertisedMechanisms(ClientInfo client) {
        boolean plain = plaintextAllowed(client);
        return mechanisms.values().stream()
                .filter(m -> !m.flags().contains(MechanismFlag.PRIVATE))
                .filter(m -> plain || !m.plaintext())
                .map(SaslMechanism::name)
                .toList();
    }

    /**
     * Starts a SASL authentication, or returns empty when the mechanism is not enabled
     * (the protocol answers "Unsupported authentication mechanism").
     */
    public Optional<SaslSession> startSasl(ClientInfo client, String mechanism) {
        SaslMechanism m = mechanisms.get(mechanism.toUpperCase(java.util.Locale.ROOT));
        return m == null ? Optional.empty() : Optional.of(new SaslSession(this, client, m));
    }

    /** IMAP LOGIN, POP3 USER/PASS: a plaintext login with method=PLAIN in the logs. */
    public AuthResult authenticatePlain(ClientInfo client, String user, String password) {
        return authenticatePlain(client, "PLAIN", user, null, password);
    }

    /**
     * Checks a plaintext password. {@code authzid} (SASL PLAIN's authorization identity) may be
     * null; when it differs from {@code authcid}, authcid is a master user logging in as it.
     * Applies the per-address penalty before and auth_failure_delay after a failure.
     */
    public AuthResult authenticatePlain(ClientInfo client, String mechanism, String authcid, String authzid,
                                        String password) {
        Objects.requireNonNull(client, "client");
        if (!plaintextAllowed(client)) {
            logPlaintextDisabled(client, mechanism);
            return AuthResult.failure(AuthResult.Kind.PLAINTEXT_DISABLED, null);
        }
        waitPenalty(client);
        AuthResult result = verifyPlainNoDelay(client, mechanism, authcid, authzid, password);
        if (result instanceof AuthResult.Failure f) {
            return finishFailure(client, f, password);
        }
        penalty.recordSuccess(client);
        return result;
    }

    /** The password check itself: no penalty wait, no failure delay (SASL sessions add those once). */
    AuthResult verifyPlainNoDelay(ClientInfo client, String mechanism, String authcid, String authzid, String password) {
        Attempt attempt = attempt(client, mechanism, authcid, authzid);
        if (attempt.failure() != null) {
            return attempt.failure();
        }
        String pw = password == null ? "" : password;
        if (settings.debugPasswords()) {
            LOG.info("{}: login attempt with password '{}'", attempt.request().logPrefix("auth"), pw);
        }
        AuthResult result = attempt.master() != null
                ? masterLogin(attempt, pw)
                : regularLogin(attempt.request(), pw);
        if (result instanceof AuthResult.Success) {
            debug("{}: authenticated", attempt.request().logPrefix("auth"));
        }
        return result;
    }

    void logPlaintextDisabled(ClientInfo client, String mechanism) {
        LOG.info("{}: Plaintext authentication disabled on an insecure connection (method={}, rip={})",
                client.service(), mechanism, client.remoteIpText());
    }

    /**
     * A passdb lookup without a password (doveadm auth lookup, the userdb socket's PASS,
     * SASL EXTERNAL): OK when the user exists and may log in.
     */
    public AuthResult lookupPassdb(ClientInfo client, String user) {
        Attempt attempt = attempt(client, "", user, null);
        if (attempt.failure() != null) {
            return attempt.failure();
        }
        AuthRequest request = attempt.request();
        PassDbChain.Outcome outcome = passdbs.run(request, null, false);
        AuthResult result = toResult(request, outcome);
        return result instanceof AuthResult.Success s ? postChecks(request, s) : result;
    }

    /** The stored credentials a challenge-response mechanism checks the client's proof against. */
    public sealed interface CredentialsLookup {
        /** @param credentials the stored password as {SCHEME}value */
        record Found(AuthResult.Success login, String credentials) implements CredentialsLookup {}

        record NotFound(AuthResult.Failure failure) implements CredentialsLookup {}
    }

    /**
     * Looks up the stored password of {@code authcid} for a challenge-response mechanism. The
     * caller verifies the proof and then reports with {@link #reportChallengeOutcome}.
     */
    public CredentialsLookup lookupCredentials(ClientInfo client, String mechanism, String authcid, String authzid) {
        Attempt attempt = attempt(client, mechanism, authcid, authzid);
        if (attempt.failure() != null) {
            return new CredentialsLookup.NotFound(attempt.failure());
        }
        if (attempt.master() != null) {
            // Master logins need the master's password checked; challenge mechanisms can't
            // hand it over here, so (like most Dovecot setups) they're refused.
            return new CredentialsLookup.NotFound(AuthResult.failure(AuthResult.Kind.NOT_AUTHORIZED, attempt.request().user()));
        }
        AuthRequest request = attempt.request();
        PassDbChain.Outcome outcome = passdbs.run(request, null, false);
        AuthResult result = toResult(request, outcome);
        if (result instanceof AuthResult.Success s) {
            result = postChecks(request, s);
        }
        if (result instanceof AuthResult.Success s && outcome.credentials() != null && !outcome.credentials().isEmpty()) {
            return new CredentialsLookup.Found(s, outcome.credentials());
        }
        if (result instanceof AuthResult.Success) {
            LOG.info("{}: No usable password for mechanism {}", request.logPrefix(outcome.driver()), mechanism);
            result = AuthResult.failure(AuthResult.Kind.INVALID_CREDENTIALS, request.user());
        }
        return new CredentialsLookup.NotFound((AuthResult.Failure) result);
    }

    /** After a SASL exchange decided: clear or raise the address's penalty, delay failures. */
    void recordOutcome(ClientInfo client, AuthResult result) {
        if (result instanceof AuthResult.Success) {
            penalty.recordSuccess(client);
        } else if (result instanceof AuthResult.Failure f) {
            finishFailure(client, f, null);
        }
    }

    /** Where a user lives, for LMTP/lda, doveadm user and the auth-userdb socket. */
    public UserLookup lookupUser(ClientInfo client, String user) {
        UsernameNormalizer.Result name = normalizer.normalize(user, client);
        if (!name.ok()) {
            LOG.info("{}: {}", client.service(), name.error());
            return new UserLookup.NotFound(user);
        }
        if (cache != null) {
            UserLookup cached = cache.lookupUser(client.service(), name.user());
            if (cached != null) {
                return cached;
            }
        }
        AuthRequest request = new AuthRequest(client, user, name.user());
        UserLookup result = runUserdb(request);
        if (cache != null) {
            cache.putUser(client.service(), name.user(), result);
        }
        return result;
    }

    /** The userdb lookup after a successful login (prefetch sees the passdb's userdb_ fields). */
    public UserLookup lookupUser(ClientInfo client, AuthResult.Success login) {
        AuthRequest request = new AuthRequest(client, login.user(), login.user());
        request.setPassdbSucceeded(true);
        request.setMasterUser(login.masterUser());
        request.passdbFields().putAll(login.fields());
        request.userdbFields().putAll(login.userdbFields());
        return runUserdb(request);
    }

    /** Every user name the userdbs can list (LIST on the userdb socket, doveadm user '*'). */
    public List<String> iterateUsers() {
        return userdbs.iterateUsers();
    }

    /** Drops every cached answer; returns how many there were (0 when the cache is off). */
    public long flushCache() {
        return cache == null ? 0 : cache.flush();
    }

    /** Drops one user's cached answers. */
    public long flushCache(String user) {
        if (cache == null) {
            return 0;
        }
        UsernameNormalizer.Result name = normalizer.normalize(user, ClientInfo.local("doveadm"));
        return cache.flush(name.ok() ? name.user() : user);
    }

    /** The per-address failure count the penalty is computed from (for tests and admin). */
    public int failureCount(ClientInfo client) {
        return penalty.failures(client);
    }

    @Override
    public void close() {
        try {
            passdbs.close();
        } finally {
            userdbs.close();
        }
    }

    // ---------------------------------------------------------------------------------------

    private record Attempt(AuthRequest request, String master, AuthResult.Failure failure) {}

    /** Username checks and master-user split, before any driver sees the names. */
    private Attempt attempt(ClientInfo client, String mechanism, String authcid, String authzid) {
        String login = authcid == null ? "" : authcid;
        if (!mechanism.isEmpty() && settings.requireClientCert() && client.certSubject() == null) {
            LOG.info("{}(?,{}): Client didn't present valid SSL certificate", client.service(), client.remoteIpText());
            return new Attempt(null, null, AuthResult.failure(AuthResult.Kind.INVALID_CREDENTIALS, null));
        }
        if (settings.usernameFromCert() && client.certSubject() != null) {
            login = client.certSubject();
        }
        String master = null;
        String target = login;
        if (authzid != null && !authzid.isEmpty() && !authzid.equals(login)) {
            if (!passdbs.hasMasterPassDbs()) {
                LOG.info("{}({},{}): Requested login as {} but no master passdbs", client.service(),
                        LogSafe.text(login), client.remoteIpText(), LogSafe.text(authzid));
                return new Attempt(null, null, AuthResult.failure(AuthResult.Kind.NOT_AUTHORIZED, null));
            }
            master = login;
            target = authzid;
        } else if (!settings.masterUserSeparator().isEmpty() && passdbs.hasMasterPassDbs()) {
            int sep = login.indexOf(settings.masterUserSeparator().charAt(0));
            if (sep >= 0) {
                target = login.substring(0, sep);
                master = login.substring(sep + 1);
            }
        }
        UsernameNormalizer.Result name = normalizer.normalize(target, client);
        if (!name.ok()) {
            LOG.info("{}(?,{}): {}", client.service(), client.remoteIpText(), name.error());
            return new Attempt(null, null, AuthResult.failure(AuthResult.Kind.INVALID_USERNAME, null));
        }
        String masterName = null;
        if (master != null) {
            UsernameNormalizer.Result m = normalizer.normalize(master, client);
            if (!m.ok()) {
                LOG.info("{}(?,{}): master user: {}", client.service(), client.remoteIpText(), m.error());
                return new Attempt(null, null, AuthResult.failure(AuthResult.Kind.INVALID_USERNAME, null));
            }
            masterName = m.user();
        }
        AuthRequest request = new AuthRequest(client, target, name.user());
        request.setMechanism(mechanism);
        return new Attempt(request, masterName, null);
    }

    private AuthResult regularLogin(AuthRequest request, String password) {
        // Keyed by mechanism too: passdb { mechanisms = } may give another mechanism another answer.
        String service = request.client().service() + "\t" + request.mechanism();
        String cacheUser = request.user();
        if (cache != null) {
            AuthCache.PassLookup hit = cache.lookupPass(service, cacheUser, password);
            if (hit instanceof AuthCache.Hit h) {
                debug("{}: cache hit", request.logPrefix("auth"));
                request.passdbFields().putAll(h.result().fields());
                return postChecks(request, h.result());
            }
            if (hit instanceof AuthCache.KnownUnknown) {
                debug("{}: cache hit: unknown user", request.logPrefix("auth"));
                return AuthResult.failure(AuthResult.Kind.INVALID_CREDENTIALS, request.user());
            }
        }
        request.setPassword(password);
        PassDbChain.Outcome outcome = passdbs.run(request, password, false);
        request.setPassword(null);
        if (outcome.status() == PassDbResult.Status.PASSWORD_MISMATCH && !settings.verbosePasswords().equals("no")) {
            LOG.info("{}: Password mismatch (given password: {})", request.logPrefix(outcome.driver()), shownPassword(password));
        }
        AuthResult result = toResult(request, outcome);
        if (cache != null) {
            if (result instanceof AuthResult.Success s) {
                cache.putPassSuccess(service, cacheUser, password, s);
            } else if (outcome.status() == PassDbResult.Status.USER_UNKNOWN) {
                cache.putPassUnknown(service, cacheUser);
            }
        }
        return result instanceof AuthResult.Success s ? postChecks(request, s) : result;
    }

    /** auth_verbose_passwords: the wrong password as plain text or a (truncated) SHA-1. */
    private String shownPassword(String password) {
        String mode = settings.verbosePasswords();
        if (mode.equals("plain") || mode.equals("yes")) {
            return password;
        }
        try {
            String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            int colon = mode.indexOf(':');
            return colon < 0 ? hex : hex.substring(0, Math.min(hex.length(), Integer.parseInt(mode.substring(colon + 1))));
        } catch (java.security.NoSuchAlgorithmException e) {
            return "?";
        }
    }

    private AuthResult masterLogin(Attempt attempt, String password) {
        AuthRequest target = attempt.request();
        AuthRequest masterRequest = new AuthRequest(target.client(), attempt.master(), attempt.master());
        masterRequest.setMechanism(target.mechanism());
        PassDbChain.Outcome m = passdbs.run(masterRequest, password, true);
        if (!m.ok()) {
            AuthResult r = toResult(masterRequest, m);
            return r instanceof AuthResult.Failure f && f.kind() != AuthResult.Kind.TEMPORARY
                    ? AuthResult.failure(AuthResult.Kind.INVALID_CREDENTIALS, target.user())
                    : r;
        }
        target.setMasterUser(attempt.master());
        target.setAuthenticated(true);
        // pass = yes on the master passdb that accepted: the target must pass the regular passdbs too.
        if (m.succeededWith() != null && m.succeededWith().pass()) {
            PassDbChain.Outcome t = passdbs.run(target, null, false);
            if (!t.ok()) {
                LOG.info("{}: Master user logging in as a user that doesn't exist or may not log in",
                        target.logPrefix(t.driver()));
                AuthResult r = toResult(target, t);
                return r instanceof AuthResult.Failure f && f.temporary() ? r
                        : AuthResult.failure(AuthResult.Kind.NOT_AUTHORIZED, target.user());
            }
        }
        LOG.info("{}: Master user logging in as {}", target.logPrefix("auth"), LogSafe.text(target.user()));
        return postChecks(target, success(target));
    }

    private AuthResult toResult(AuthRequest request, PassDbChain.Outcome outcome) {
        return switch (outcome.status()) {
            case OK -> {
                request.setPassdbSucceeded(true);
                yield success(request);
            }
            case INTERNAL_FAILURE -> AuthResult.failure(AuthResult.Kind.TEMPORARY, request.user());
            case USER_DISABLED -> new AuthResult.Failure(AuthResult.Kind.DISABLED, request.user(), request.passdbFields().get("reason"));
            case PASS_EXPIRED -> new AuthResult.Failure(AuthResult.Kind.PASSWORD_EXPIRED, request.user(), request.passdbFields().get("reason"));
            case PASSWORD_MISMATCH, USER_UNKNOWN -> new AuthResult.Failure(AuthResult.Kind.INVALID_CREDENTIALS, request.user(),
                    request.passdbFields().get("reason"));
            default -> AuthResult.failure(AuthResult.Kind.INVALID_CREDENTIALS, request.user());
        };
    }

    private static AuthResult.Success success(AuthRequest request) {
        return new AuthResult.Success(request.user(), request.masterUser(),
                new LinkedHashMap<>(request.passdbFields()), new LinkedHashMap<>(request.userdbFields()));
    }

    /** Checks that apply after any passdb success (also from the cache): allow_nets, nologin. */
    private AuthResult postChecks(AuthRequest request, AuthResult.Success s) {
        String allow = s.fields().get("allow_nets");
        if (allow != null && !allowNetsMatch(allow, request.client())) {
            LOG.info("{}: allow_nets check failed: IP not in allowed networks", request.logPrefix("passdb"));
            return AuthResult.failure(AuthResult.Kind.DISABLED, s.user());
        }
        if (Fields.isTrue(s.fields(), "nologin") && !s.fields().containsKey("proxy")) {
            String reason = s.fields().get("reason");
            LOG.info("{}: Login disabled{}", request.logPrefix("passdb"), reason == null ? "" : ": " + LogSafe.text(reason));
            return new AuthResult.Failure(AuthResult.Kind.DISABLED, s.user(), reason);
        }
        return s;
    }

    private static boolean allowNetsMatch(String allowNets, ClientInfo client) {
        if (client.remoteIp() == null) {
            // Dovecot: a request without a remote IP passes only when "local" is listed.
            return allowNets.matches("(^|.*[\\s,])local([\\s,].*|$)");
        }
        for (String part : allowNets.split("[\\s,]+")) {
            if (part.isEmpty() || part.equals("local")) {
                continue;
            }
            try {
                if (IpNetwork.parse(part).contains(client.remoteIp())) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("allow_nets: invalid network '{}'", LogSafe.text(part));
            }
        }
        return false;
    }

    AuthResult.Failure finishFailure(ClientInfo client, AuthResult.Failure failure, String password) {
        if (failure.kind() != AuthResult.Kind.TEMPORARY) {
            penalty.recordFailure(client, password);
        }
        sleep(settings.failureDelay());
        return failure;
    }

    /** auth_debug (or auth_debug_passwords): debug lines are logged at info level, else at debug. */
    private void debug(String format, Object... args) {
        if (settings.debug() || settings.debugPasswords()) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    void waitPenalty(ClientInfo client) {
        Duration d = penalty.delayFor(client);
        if (!d.isZero()) {
            debug("{}: penalty delay {} ms for {}", client.service(), d.toMillis(), client.remoteIpText());
            sleep(d);
        }
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UserLookup runUserdb(AuthRequest request) {
        UserDbResult r = userdbs.run(request);
        return switch (r.status()) {
            case OK -> toUserInfo(request, r.fields());
            case USER_UNKNOWN -> new UserLookup.NotFound(request.user());
            case INTERNAL_FAILURE -> new UserLookup.TemporaryFailure(request.user(), r.reason());
        };
    }

    private UserLookup toUserInfo(AuthRequest request, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        String user = f.containsKey("user") && !f.get("user").isEmpty() ? f.get("user") : request.user();
        try {
            long uid = f.containsKey("uid") ? SystemIds.uid(f.get("uid")) : -1;
            long gid = f.containsKey("gid") ? SystemIds.gid(f.get("gid")) : -1;
            return new UserLookup.Found(new UserInfo(user, uid, gid, emptyToNull(f.get("home")), emptyToNull(f.get("mail")), f));
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}", request.logPrefix("userdb"), e.getMessage());
            return new UserLookup.TemporaryFailure(user, e.getMessage());
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** For userdb static: does a passdb know this user (without a password)? */
    private UserDbResult.Status passdbExistence(AuthRequest userRequest) {
        AuthRequest request = new AuthRequest(userRequest.client(), userRequest.originalUser(), userRequest.user());
        PassDbChain.Outcome o = passdbs.run(request, null, false);
        return switch (o.status()) {
            case OK -> UserDbResult.Status.OK;
            case INTERNAL_FAILURE -> UserDbResult.Status.INTERNAL_FAILURE;
            case USER_UNKNOWN -> UserDbResult.Status.USER_UNKNOWN;
            // PAM can't look users up without a password: Dovecot then trusts the userdb.
            case SCHEME_NOT_AVAILABLE -> UserDbResult.Status.OK;
            default -> UserDbResult.Status.OK;
        };
    }
}
