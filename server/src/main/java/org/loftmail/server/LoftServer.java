package org.loftmail.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.FilterContext;
import org.loftmail.core.config.InetListener;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.ServiceSettings;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SslSettings;
import org.loftmail.core.config.UnixListener;
import org.loftmail.core.log.MailLog;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.SniContexts;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The running server: loads the configuration, builds the services it names, binds their listeners, and on
 * reload binds what changed while open sessions go on.
 */
public final class LoftServer implements AutoCloseable {

    private static final MailLog LOG = MailLog.of("master");

    private final Path configFile;
    /** Where "syslog" log paths send: /dev/log, or a test's own socket. */
    private final Path syslogSocket;
    private final NetServer net = new NetServer(0);
    private final Map<ListenerSpec, Bound> bound = new LinkedHashMap<>();
    /** One limiter per service, shared by its listeners (imap and imaps count together, as in Dovecot). */
    private final Map<String, ConnectionLimiter> limiters = new HashMap<>();
    private volatile LoftConfig config;
    /** The TLS contexts new connections take, on every listener (null with ssl = no). */
    private volatile SniContexts tls;
    private Wiring wiring;
    /** Created with the first configuration; lives until the server closes, across reloads. */
    private ProcessStorage storage;
    /** The admin socket and the configuration record in base_dir (ADR 0700). */
    private AdminEndpoint admin;
    /** The open client sessions (adm who, kick). */
    private final SessionRegistry sessions = new SessionRegistry();
    /** What {@code adm stop} does: ends {@link #runUntilStopped}'s wait, or closes the server. */
    private volatile Runnable stopRequest = () -> Thread.ofPlatform().start(this::close);

    private record Bound(BoundListener listener, ReloadableService service, ConnectionLimiter limiter) {}

    private LoftServer(Path configFile, Path syslogSocket) {
        this.configFile = configFile;
        this.syslogSocket = syslogSocket;
    }

    /** Loads {@code configFile} and starts listening. Throws ConfigException or IOException with the cause named. */
    public static LoftServer start(Path configFile) throws IOException {
        return start(configFile, LoggingSetup.DEV_LOG);
    }

    /** As {@link #start(Path)}, with syslog lines sent to {@code syslogSocket} (tests run their own daemon). */
    static LoftServer start(Path configFile, Path syslogSocket) throws IOException {
        LoftServer server = new LoftServer(configFile, syslogSocket);
        try {
            server.apply(LoftConfig.load(configFile), true);
            server.admin = startAdmin(server, configFile);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The admin socket and configuration record; a base_dir they cannot be made in costs adm its way to this server
     * (it then works on the storage directly), not the server its start.
     */
    private static AdminEndpoint startAdmin(LoftServer server, Path configFile) {
        try {
            return AdminEndpoint.start(server, configFile, server.config.baseDir(), new LoftServerControl(server));
        } catch (IOException | RuntimeException e) {
            LOG.warn("adm cannot reach this server: no admin socket in base_dir " + server.config.baseDir() + ": "
                    + e.getMessage());
            return null;
        }
    }

    /** Runs in the foreground until SIGINT/SIGTERM; SIGHUP reloads. Returns the process exit code. */
    static int runUntilStopped(Path configFile, PrintStream err, Consumer<LoftServer> onStarted) {
        LoftServer server;
        try {
            server = start(configFile);
        } catch (ConfigException e) {
            err.println("loft: Fatal: " + e.getMessage());
            return 78; // EX_CONFIG
        } catch (IOException e) {
            err.println("loft: Fatal: " + e.getMessage());
            return 71; // EX_OSERR
        }
        CountDownLatch stopped = new CountDownLatch(1);
        server.stopRequest = stopped::countDown;
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable shutDown = () -> {
            if (closing.compareAndSet(false, true)) {
                LOG.info("Shutting down");
                server.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            shutDown.run();
            stopped.countDown();
        }));
        try {
            SignalHandler previous = Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().start(server::reload));
            if (previous == SignalHandler.SIG_IGN) {
                // the JVM leaves a signal ignored at startup ignored and installs nothing: say so, or a reload
                // by SIGHUP would silently do nothing (issue 20)
                LOG.warn("SIGHUP is ignored by this process (started with it ignored, e.g. by nohup): "
                        + "reloading needs a restart");
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled on this platform; reload by restarting");
        }
        if (onStarted != null) {
            onStarted.accept(server);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutDown.run(); // after adm stop; after a signal the shutdown hook has done it already
        return 0;
    }

    /**
     * Re-reads the configuration. A broken file is logged and the running configuration stays; returns the reason
     * then (null when the new configuration runs).
     */
    public synchronized String reload() {
        LOG.info("SIGHUP received - reloading configuration");
        try {
            apply(LoftConfig.load(configFile), false);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.error("Reload failed, keeping the running configuration: " + e.getMessage());
            return e.getMessage();
        }
    }

    /** {@code adm log reopen}: log files are opened again (after logrotate moved them away). */
    synchronized void reopenLogs() {
        LoggingSetup.configure(LoggingSetup.Paths.of(config.logging()).withSyslogSocket(syslogSocket));
        RecentErrors.attach();
        LOG.info("Log files reopened");
    }

    /** {@code adm stop}: the server stops as if it got SIGTERM. */
    void requestStop() {
        stopRequest.run();
    }

    /** The configuration's wiring now in use (the admin commands take its auth and storage). */
    synchronized Wiring currentWiring() {
        return wiring;
    }

    SessionRegistry sessions() {
        return sessions;
    }

    /** The admin socket's path (tests). */
    Path adminSocket() {
        return admin == null ? null : admin.socketPath();
    }

    /** The process's storage providers (one per process, across reloads). */
    synchronized ProcessStorage storage() {
        return storage;
    }

    private synchronized void apply(LoftConfig next, boolean first) throws IOException {
        next.warnings().forEach(w -> LOG.warn(w));
        var logging = next.logging();
        LoggingSetup.check(logging, next.settings());
        LoggingSetup.rejectFiltered(next.root());
        AddressFilterSettings.reject(next.root());
        LoggingSetup.configure(LoggingSetup.Paths.of(logging).withSyslogSocket(syslogSocket));
        RecentErrors.attach();
        if (storage == null) {
            storage = new ProcessStorage(); // its settings arrive below, before any listener is bound
        }
        Wiring nextWiring = new Wiring(next, tlsContexts(next), storage);
        Map<ListenerSpec, ProtocolService> wanted = new LinkedHashMap<>();
        Map<ListenerSpec, ServiceSettings> owners = new LinkedHashMap<>();
        try {
            for (ServiceSettings service : next.activeServices()) {
                for (ListenerSpec spec : listenerSpecs(service, nextWiring)) {
                    wanted.put(spec, nextWiring.protocolService(service, spec));
                    owners.put(spec, service);
                }
            }
        } catch (IOException | RuntimeException e) {
            nextWiring.close(); // nothing of the new configuration stays half-built
            throw e;
        }
        for (ServiceSettings service : next.activeServices()) {
            limiters.computeIfAbsent(service.name(), n -> new ConnectionLimiter(0, 0))
                    .setLimits(connectionLimit(next, service), 0);
        }
        nextWiring.applyStorageSettings(storage);
        this.tls = nextWiring.tls(); // from here on, new connections on every listener use the new contexts
        // Close what is gone, keep what stays (with the new service behind it), bind what is new.
        for (var it = bound.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                entry.getValue().listener().close();
                it.remove();
            }
        }
        List<ListenerSpec> added = new ArrayList<>();
        try {
            for (var entry : wanted.entrySet()) {
                ListenerSpec spec = entry.getKey();
                Bound existing = bound.get(spec);
                if (existing != null) {
                    existing.service().replace(entry.getValue(), nextWiring);
                    continue;
                }
                ConnectionLimiter limiter = limiters.computeIfAbsent(spec.service(), n -> new ConnectionLimiter(0, 0));
                ReloadableService service = new ReloadableService(entry.getValue(), nextWiring, sessions);
                BoundListener listener = net.bindReloadable(spec, service, this::currentTls, limiter);
                bound.put(spec, new Bound(listener, service, limiter));
                added.add(spec);
            }
        } catch (IOException e) {
            if (first) {
                throw e;
            }
            LOG.error(e.getMessage());
        }
        Wiring previous = this.wiring;
        this.wiring = nextWiring;
        this.config = next;
        if (previous != null) {
            previous.retire();
        }
        if (!first) {
            LOG.info("Configuration reloaded; " + added.size() + " new listener(s)");
        }
    }

    /**
     * A listener's connection limit: its service's process_limit × client_limit; for the login services also the
     * post-login service's (Dovecot's {@code service imap { process_limit }} caps logged-in sessions, and every
     * session here is one connection).
     */
    static int connectionLimit(LoftConfig config, ServiceSettings service) {
        long limit = service.connectionLimit();
        String postLogin = switch (service.name()) {
            case "imap-login" -> "imap";
            case "pop3-login" -> "pop3";
            default -> null;
        };
        if (postLogin != null) {
            limit = Math.min(limit, config.service(postLogin).map(ServiceSettings::connectionLimit).orElse(limit));
        }
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }

    private static List<ListenerSpec> listenerSpecs(ServiceSettings service, Wiring wiring) {
        List<ListenerSpec> specs = new ArrayList<>();
        for (InetListener inet : service.enabledInetListeners()) {
            if (inet.ssl() && wiring.tls() == null) {
                continue; // ssl = no: implicit-TLS listeners are not started, as in Dovecot
            }
            for (String address : inet.addresses()) {
                specs.add(new ListenerSpec.Inet(service.name(), inet.name(), address, inet.port(), inet.ssl()));
            }
        }
        for (UnixListener unix : service.unixListeners()) {
            specs.add(new ListenerSpec.Unix(service.name(), unix.name(), unix.path(), unix.mode(), unix.user(),
                    unix.group()));
        }
        return specs;
    }

    /**
     * TLS settings may differ per SNI name ({@code local_name} at the top level) but not yet per protocol or
     * address: those filters would need a context per listener and per connection address.
     */
    private static void rejectFilteredTlsSettings(ConfigSection section) {
        for (String filter : List.of("protocol", "local", "remote", "local_name")) {
            boolean perName = filter.equals("local_name") && section.type().isEmpty();
            for (ConfigSection f : section.children(filter)) {
                if (!perName) {
                    for (String key : SslSettings.PER_NAME_KEYS) {
                        f.explicit(key).ifPresent(v -> {
                            throw new ConfigException(v.location(), key + " inside " + f.header()
                                    + " { } is not supported yet: Loft chooses TLS settings by SNI name"
                                    + " (a top-level local_name block), not by protocol or address");
                        });
                    }
                }
                rejectFilteredTlsSettings(f);
            }
        }
    }

    /** The default TLS context and one per local_name block that changes TLS settings; null when ssl = no. */
    static SniContexts tlsContexts(LoftConfig config) throws IOException {
        rejectFilteredTlsSettings(config.root());
        SslSettings ssl = config.ssl();
        if (!ssl.enabled()) {
            return null;
        }
        if (!ssl.hasCertificate()) {
            throw new ConfigException(config.settings().location("ssl"),
                    "ssl = " + ssl.mode().name().toLowerCase() + " needs ssl_cert and ssl_key");
        }
        SslContext defaultContext = tlsContext(ssl, config.settings());
        Map<String, SslContext> byName = new LinkedHashMap<>();
        for (var entry : config.sslByLocalName().entrySet()) {
            Settings named = config.settings(FilterContext.none().withLocalName(entry.getKey()));
            byName.put(entry.getKey(), tlsContext(entry.getValue(), named));
        }
        return SniContexts.of(defaultContext, byName);
    }

    /** One TLS context; a certificate or key that cannot be used is reported at the ssl_cert line in effect. */
    private static SslContext tlsContext(SslSettings ssl, Settings settings) {
        String source = settings.location("ssl_cert").toString();
        try {
            // without an explicit ssl_cipher_list, Loft's default (Dovecot's minus the CBC-SHA1 suites, issue 20)
            String cipherList = settings.explicit("ssl_cipher_list").isPresent() ? ssl.cipherList()
                    : TlsContexts.DEFAULT_CIPHER_LIST;
            return TlsContexts.server(new TlsSettings(ssl.certPem(), ssl.keyPem(), ssl.keyPassword(), ssl.caPem(),
                    ssl.minProtocol(), cipherList, ssl.preferServerCiphers(), ssl.verifyClientCert(),
                    source));
        } catch (TlsContexts.TlsConfigException | IllegalArgumentException e) {
            String message = e.getMessage().startsWith(source + ": ")
                    ? e.getMessage().substring(source.length() + 2)
                    : e.getMessage();
            String setting = e instanceof TlsContexts.TlsConfigException t ? t.setting() : "ssl_cert";
            throw new ConfigException(settings.location(setting), message + keyOrigin(settings));
        }
    }

    /** Names both files' lines: a block that sets ssl_cert but inherits another block's ssl_key is the usual slip. */
    private static String keyOrigin(Settings settings) {
        var cert = settings.explicit("ssl_cert");
        var key = settings.explicit("ssl_key");
        if (cert.isEmpty() || key.isEmpty()) {
            return "";
        }
        return " (ssl_cert from " + cert.get().location() + ", ssl_key from " + key.get().location() + ")";
    }

    /** What a listener's next connection uses; replaced by a reload. */
    private SniContexts currentTls() {
        return tls;
    }

    public LoftConfig config() {
        return config;
    }

    /** The bound TCP port of a service's inet listener (for tests with ephemeral ports). */
    public int port(String service, String listenerName) {
        return bound.values().stream()
                .filter(b -> b.listener().spec().service().equals(service)
                        && b.listener().spec().name().equals(listenerName))
                .mapToInt(b -> b.listener().port())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener " + service + "/" + listenerName));
    }

    /** Each service with listeners, how many, and the connections open on them ({@code adm process status}). */
    synchronized List<org.loftmail.admin.server.ServerControl.Service> services() {
        Map<String, Integer> listeners = new LinkedHashMap<>();
        for (Bound b : bound.values()) {
            listeners.merge(b.listener().spec().service(), 1, Integer::sum);
        }
        List<org.loftmail.admin.server.ServerControl.Service> out = new ArrayList<>();
        listeners.forEach((name, n) -> out.add(new org.loftmail.admin.server.ServerControl.Service(name, n,
                limiters.containsKey(name) ? limiters.get(name).current() : 0)));
        return out;
    }

    /** One line per listener: what it serves and how to reach it. */
    public synchronized List<String> describeListeners() {
        List<String> lines = new ArrayList<>();
        for (Bound b : bound.values()) {
            ListenerSpec spec = b.listener().spec();
            String what = switch (spec) {
                case ListenerSpec.Inet inet -> String.format("%-10s %s:%d%s", label(spec.service(), inet),
                        inet.address().contains(":") ? "[" + inet.address() + "]" : inet.address(), b.listener().port(),
                        inet.implicitTls() ? " (TLS)" : wiring.tls() != null ? " (STARTTLS available)" : "");
                case ListenerSpec.Unix unix -> String.format("%-10s unix:%s", label(spec.service(), null), unix.path());
            };
            lines.add(what);
        }
        return lines;
    }

    private static String label(String service, ListenerSpec.Inet inet) {
        String base = switch (service) {
            case "imap-login" -> "IMAP";
            case "pop3-login" -> "POP3";
            case "lmtp" -> "LMTP";
            case "managesieve-login" -> "ManageSieve";
            case "auth" -> "auth";
            default -> service;
        };
        return inet != null && inet.implicitTls() ? base + "S" : base;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        for (Bound b : bound.values()) {
            b.listener().close();
        }
        bound.clear();
        net.close();
        if (wiring != null) {
            wiring.close();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
