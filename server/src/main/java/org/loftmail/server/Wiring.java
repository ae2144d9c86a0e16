package org.loftmail.server;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.auth.AuthDbSetupException;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettingsBinder;
import org.loftmail.auth.socket.AuthSocketService;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SourceLocation;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.UserRefusedException;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.storage.quota.QuotaSettings;
import java.util.List;
import org.loftmail.imap.ImapService;
import org.loftmail.imap.ImapSettingsBinder;
import org.loftmail.lmtp.LmtpConfiguration;
import org.loftmail.lmtp.LmtpService;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.LmtpSettingsBinder;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.sieve.delivery.SieveDeliveryFilter;
import org.loftmail.sieve.delivery.SieveDeliverySettingsBinder;
import org.loftmail.pop3.Pop3Service;
import org.loftmail.pop3.Pop3SettingsBinder;
import org.loftmail.submission.SubmissionService;
import org.loftmail.submission.SubmissionSettings;
import org.loftmail.submission.SubmissionSettingsBinder;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.ServiceSettings;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.SniContexts;

/**
 * Everything one configuration builds, by hand: the auth service, the storage settings, and a protocol service
 * for each listener. A reload builds a new Wiring; the old one is retired once no listener uses it. The storage
 * providers themselves are the process's ({@link ProcessStorage}) and outlive every Wiring.
 */
final class Wiring {

    private final LoftConfig config;
    private final SniContexts tls;
    private final AuthService auth;
    private final List<Namespace> namespaces;
    private final QuotaSettings quota;
    private final org.loftmail.mbox.MboxSettings mbox;
    private final MailStorageRegistry storages;
    private final UserStorage userStorage;
    /** One instance per protocol, shared by its listeners (per-user limits and POP3 locks span them). */
    private final Map<String, ProtocolService> services = new HashMap<>();
    private final AtomicInteger openSessions = new AtomicInteger();
    private volatile boolean retired;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param storage the process's storage providers; this configuration's namespaces and quota reach them when
     *     the server commits to it ({@link #applyStorageSettings}), so a failed reload leaves them unchanged
     */
    Wiring(LoftConfig config, SniContexts tls, ProcessStorage storage) {
        this.config = config;
        this.tls = tls;
        this.auth = authService(config);
        try {
            StorageSettings bound = StorageSettingsBinder.bind(config);
            this.namespaces = bound.namespaces();
            this.quota = bound.quota();
            this.mbox = bound.mbox();
        } catch (RuntimeException e) {
            auth.close(); // a failed reload must not leave a database pool behind
            throw e;
        }
        this.storages = storage.registry();
        this.userStorage = new UserStorage(config, storages);
    }

    /** Hands this configuration's namespaces and quota settings to the process's storage providers. */
    void applyStorageSettings(ProcessStorage storage) {
        storage.reconfigure(namespaces, quota, mbox);
    }

    private static AuthService authService(LoftConfig config) {
        try {
            return AuthService.create(AuthSettingsBinder.bind(config.settings()));
        } catch (AuthDbSetupException e) {
            // the line of the driver, args or fields of the block that could not be set up
            SourceLocation at = config.sections(e.section()).get(e.index()).location(e.key());
            throw new ConfigException(at, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Dovecot names no line for a missing passdb/userdb; the first passdb block is the nearest place.
            SourceLocation at = config.sections("passdb").stream().findFirst().map(ConfigSection::location)
                    .orElse(new SourceLocation(config.mainFile(), 1));
            throw new ConfigException(at, e.getMessage(), e);
        }
    }

    SniContexts tls() {
        return tls;
    }

    LoftConfig config() {
        return config;
    }

    AuthService auth() {
        return auth;
    }

    ProtocolService protocolService(ServiceSettings service, ListenerSpec spec) throws IOException {
        if (service.name().equals("auth")) {
            return authSocket(spec);
        }
        ProtocolService existing = services.get(service.name());
        if (existing == null) {
            existing = newProtocolService(service, spec);
            services.put(service.name(), existing);
        }
        return existing;
    }

    private ProtocolService newProtocolService(ServiceSettings service, ListenerSpec spec) throws IOException {
        return switch (service.name()) {
            case "imap-login" -> new ImapService(ImapSettingsBinder.bind(config.settings("imap")), auth,
                    (login, client) -> openAfterLogin(login, client, "imap"));
            case "pop3-login" -> new Pop3Service(Pop3SettingsBinder.bind(config.settings("pop3")), auth,
                    user -> SessionRegistry.loggedIn(userStorage.open(user, "pop3"), user.user()));
            case "lmtp" -> lmtp();
            case "submission-login" -> submission();
            case "managesieve-login" -> ManageSieveWiring.service(config, auth, userStorage);
            default -> throw new IOException("service " + service.name() + " (listener " + spec.name()
                    + ") is not available in this build yet");
        };
    }

    private ProtocolService lmtp() {
        Settings lmtp = config.settings("lmtp");
        return new LmtpService(LmtpSettingsBinder.bind(lmtp), delivery(lmtp, "lmtp"));
    }

    /**
     * Submission relays to submission_relay_host; without one it delivers to local users through the same path as
     * LMTP (resolved for {@code protocol submission}, so its mail_plugins apply).
     */
    private ProtocolService submission() {
        Settings submission = config.settings("submission");
        SubmissionSettings settings = SubmissionSettingsBinder.bind(submission);
        SubmissionDeliveryPort local = settings.relay() == null
                ? new SubmissionDeliveryPort(delivery(submission, "submission")) : null;
        return new SubmissionService(settings, auth, local);
    }

    /** The delivery path (userdb → quota → filter → storage) for LMTP or lda. */
    MailDelivery delivery(Settings settings, String service) {
        boolean sieve = settings.list("mail_plugins").contains("sieve");
        DeliveryFilter filter = sieve ? new SieveDeliveryFilter(SieveDeliverySettingsBinder.bind(settings))
                : DeliveryFilter.KEEP_ALL;
        return LmtpConfiguration.mailDelivery(settings, service, auth, info -> userStorage.storageUser(info, service),
                storages, filter, sieve ? "sieve" : "");
    }

    /** After a login: the userdb lookup (prefetched fields or the userdb chain), then the user's storage. */
    private MailStorage openAfterLogin(AuthResult.Success login, ClientInfo client, String protocol)
            throws MailStorageException {
        return switch (auth.lookupUser(client, login)) {
            case UserLookup.Found found -> SessionRegistry.loggedIn(userStorage.open(found.info(), protocol),
                    found.info().user());
            case UserLookup.NotFound notFound -> throw userdbFailed(protocol, login.user(),
                    "Authenticated user not found from userdb");
            case UserLookup.TemporaryFailure failure -> throw userdbFailed(protocol, login.user(),
                    "userdb lookup failed: " + failure.reason());
        };
    }

    /** Dovecot logs a failed post-login userdb lookup as an error of the mail process, then ends the login. */
    private static UserRefusedException userdbFailed(String protocol, String user, String reason) {
        String safe = MailLog.sanitize(reason);
        MailLog.of(protocol, user).error(safe);
        return new UserRefusedException(safe, true);
    }

    MailStorageRegistry storages() {
        return storages;
    }

    UserStorage userStorage() {
        return userStorage;
    }

    /**
     * Dovecot decides an auth listener's protocol by its name: {@code auth-userdb} and {@code auth-master}
     * answer userdb lookups; every other name (auth-client, Postfix's private/auth) speaks the client protocol.
     */
    private ProtocolService authSocket(ListenerSpec spec) {
        String base = spec instanceof ListenerSpec.Unix unix ? String.valueOf(unix.path().getFileName()) : spec.name();
        return base.equals("auth-userdb") || base.equals("auth-master")
                ? AuthSocketService.userdb(auth)
                : AuthSocketService.client(auth);
    }

    void sessionOpened() {
        openSessions.incrementAndGet();
    }

    void sessionClosed() {
        if (openSessions.decrementAndGet() == 0 && retired) {
            close();
        }
    }

    /**
     * A newer configuration took over: this one's pools, caches and timers are released as soon as the last
     * session that started under it ends (at once when none is open).
     */
    void retire() {
        retired = true;
        if (openSessions.get() == 0) {
            close();
        }
    }

    /** Releases everything now (shutdown). */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ProtocolService s : services.values()) {
            if (s instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing at shutdown: nothing more to do
                }
            }
        }
        auth.close();
    }
}
