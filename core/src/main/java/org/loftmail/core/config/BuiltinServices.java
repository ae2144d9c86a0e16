package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Dovecot's built-in service defaults (what {@code doveconf -a} shows without any service block),
 * and the binding of {@code service} sections over them into {@link ServiceSettings}.
 */
final class BuiltinServices {

    private BuiltinServices() {}

    private record DefaultInet(String name, int port, boolean ssl) {}

    private record DefaultUnix(String name, int mode) {}

    private record Builtin(String protocol, List<DefaultInet> inet, List<DefaultUnix> unix, long processLimit,
            long clientLimit) {}

    /** 0 means "the default_process_limit / default_client_limit setting". */
    private static final Map<String, Builtin> BUILTIN = new LinkedHashMap<>();

    static {
        BUILTIN.put("imap-login", new Builtin("imap",
                List.of(new DefaultInet("imap", 143, false), new DefaultInet("imaps", 993, true)), List.of(), 0, 0));
        BUILTIN.put("pop3-login", new Builtin("pop3",
                List.of(new DefaultInet("pop3", 110, false), new DefaultInet("pop3s", 995, true)), List.of(), 0, 0));
        BUILTIN.put("lmtp", new Builtin("lmtp", List.of(), List.of(new DefaultUnix("lmtp", 0666)), 0, 1));
        BUILTIN.put("imap", new Builtin("imap", List.of(), List.of(), 1024, 1));
        BUILTIN.put("pop3", new Builtin("pop3", List.of(), List.of(), 1024, 1));
        BUILTIN.put("auth", new Builtin(null, List.of(),
                List.of(new DefaultUnix("auth-client", 0600), new DefaultUnix("auth-userdb", 0666)), 1, 0));
        BUILTIN.put("submission-login", new Builtin("submission",
                List.of(new DefaultInet("submission", 587, false), new DefaultInet("submissions", 465, true)),
                List.of(), 0, 0));
        BUILTIN.put("managesieve-login", new Builtin("sieve",
                List.of(new DefaultInet("sieve", 4190, false)), List.of(), 0, 0));
    }

    /** Dovecot-internal services: accepted, with a warning, and nothing to do in one JVM. */
    static final Set<String> PROCESS_MODEL_SERVICES = Set.of("auth-worker", "anvil", "config", "dict", "dict-async",
            "dns-client", "dns_client", "imap-hibernate", "indexer", "indexer-worker", "ipc", "log", "old-stats",
            "stats", "tcpinfo", "submission", "managesieve");

    /** Dovecot services for features Loft does not have. */
    static final Set<String> UNSUPPORTED_SERVICES = Set.of("quota-status", "doveadm", "director", "replicator",
            "aggregator", "imap-urlauth", "imap-urlauth-login", "imap-urlauth-worker", "health-check");

    static String protocolOf(String service) {
        Builtin b = BUILTIN.get(service);
        return b == null ? null : b.protocol;
    }

    static boolean isLoftService(String name) {
        return BUILTIN.containsKey(name);
    }

    /** A listener's address comes from the top-level listen unless its block sets one. */
    private static final Map<String, String> LISTEN = Map.of("address", "listen");
    /** A unix listener's relative path is under the top-level base_dir. */
    private static final Map<String, String> BASE_DIR = Map.of("base_dir", "base_dir");

    /**
     * Every built-in service and every configured one, bound over the defaults. A refused value is reported at the
     * line that set it (docs/adr/0103): a listener's own key, or the top-level setting it inherited
     * ({@code listen}, {@code base_dir}, {@code default_process_limit}, {@code default_client_limit}).
     */
    static List<ServiceSettings> bind(ConfigSection root, Settings top) {
        List<ServiceSettings> out = new ArrayList<>();
        Map<String, ConfigSection> configured = new LinkedHashMap<>();
        root.children("service").forEach(s -> configured.put(s.name(), s));
        for (Map.Entry<String, Builtin> e : BUILTIN.entrySet()) {
            out.add(bindOne(e.getKey(), e.getValue(), configured.remove(e.getKey()), top));
        }
        for (ConfigSection s : configured.values()) {
            out.add(bindOne(s.name(), new Builtin(null, List.of(), List.of(), 0, 0), s, top));
        }
        return List.copyOf(out);
    }

    /**
     * Builds one record; a refusal about a key is located in {@code block} when the block sets that key, else at
     * the top-level setting the value was inherited from ({@code inherited}: record key → top-level key), else at
     * the block's header.
     */
    private static <T> T located(ConfigSection block, Settings top, Map<String, String> inherited,
            Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSettingException e) {
            String key = e.key();
            SourceLocation where = block != null && block.explicit(key).isPresent() ? block.location(key)
                    : inherited.containsKey(key) ? top.location(inherited.get(key))
                    : block != null ? block.location()
                    : SourceLocation.BUILT_IN;
            throw new ConfigException(where, e.getMessage(), e);
        }
    }

    private static ServiceSettings bindOne(String name, Builtin builtin, ConfigSection section, Settings top) {
        List<String> listen = top.list("listen");
        Path baseDir = Path.of(top.string("base_dir"));
        long defaultProcessLimit = top.uint("default_process_limit");
        long defaultClientLimit = top.uint("default_client_limit");
        SourceLocation at = section != null ? section.location() : SourceLocation.BUILT_IN;
        List<InetListener> inet = new ArrayList<>();
        for (DefaultInet d : builtin.inet) {
            ConfigSection user = section == null ? null : section.child("inet_listener", d.name).orElse(null);
            inet.add(inet(d.name, user, d.port, d.ssl, top));
        }
        List<UnixListener> unix = new ArrayList<>();
        for (DefaultUnix d : builtin.unix) {
            ConfigSection user = section == null ? null : section.child("unix_listener", d.name).orElse(null);
            unix.add(unix(d.name, user, d.mode, top));
        }
        long processLimit = builtin.processLimit == 0 ? defaultProcessLimit : builtin.processLimit;
        long clientLimit = builtin.clientLimit == 0 ? defaultClientLimit : builtin.clientLimit;
        if (section != null) {
            for (ConfigSection l : section.children("inet_listener")) {
                if (builtin.inet.stream().noneMatch(d -> d.name.equals(l.name()))) {
                    inet.add(inet(l.name(), l, 0, false, top));
                }
            }
            for (ConfigSection l : section.children("unix_listener")) {
                if (builtin.unix.stream().noneMatch(d -> d.name.equals(l.name()))) {
                    unix.add(unix(l.name(), l, 0600, top));
                }
            }
            if (section.isSet("process_limit") && !section.string("process_limit").isEmpty()) {
                processLimit = section.uint("process_limit");
            }
            if (section.isSet("client_limit") && !section.string("client_limit").isEmpty()) {
                clientLimit = section.uint("client_limit");
            }
        }
        long processes = processLimit;
        long clients = clientLimit;
        return located(section, top, Map.of("process_limit", "default_process_limit",
                "client_limit", "default_client_limit"),
                () -> new ServiceSettings(name, inet, unix, processes, clients, at));
    }

    private static InetListener inet(String name, ConfigSection user, int defaultPort, boolean defaultSsl,
            Settings top) {
        List<String> listen = top.list("listen");
        if (user == null) {
            return located(null, top, LISTEN,
                    () -> new InetListener(name, listen, defaultPort, defaultSsl, SourceLocation.BUILT_IN));
        }
        List<String> addresses = user.isSet("address") ? user.list("address") : listen;
        long port = user.isSet("port") ? user.uint("port") : defaultPort;
        if (port > 65535) {
            throw user.invalid("port", "port " + port + " is out of range 0-65535");
        }
        boolean ssl = user.isSet("ssl") ? user.bool("ssl") : defaultSsl;
        return located(user, top, LISTEN,
                () -> new InetListener(name, addresses, (int) port, ssl, user.location()));
    }

    private static UnixListener unix(String name, ConfigSection user, int defaultMode, Settings top) {
        Path path = Path.of(top.string("base_dir")).resolve(name).normalize();
        if (user == null) {
            return located(null, top, BASE_DIR,
                    () -> new UnixListener(name, path, defaultMode, "", "", SourceLocation.BUILT_IN));
        }
        int mode = user.isSet("mode") ? user.octal("mode") : defaultMode;
        return located(user, top, BASE_DIR,
                () -> new UnixListener(name, path, mode, user.string("user"), user.string("group"), user.location()));
    }
}
