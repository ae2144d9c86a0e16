package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded configuration: parsed once, checked against the settings table, and bound into the typed
 * views every module reads. Immutable; a reload makes a new one.
 *
 * <pre>
 * LoftConfig config = LoftConfig.load(Path.of("loft.conf"));
 * config.warnings().forEach(log::warn);
 * Settings imap = config.settings(FilterContext.protocol("imap").withRemote(addr));
 * boolean plain = imap.bool("disable_plaintext_auth");
 * for (ServiceSettings s : config.activeServices()) { ... }
 * </pre>
 */
public final class LoftConfig {

    private final ParsedConfig parsed;
    private final List<Settings.Block> filterBlocks;
    private final java.util.concurrent.ConcurrentMap<String, Settings> byProtocol =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Settings top;
    private final List<ServiceSettings> services;
    private final List<String> warnings;

    private LoftConfig(ParsedConfig parsed) {
        this.parsed = parsed;
        this.filterBlocks = Settings.filterBlocks(parsed.root());
        this.top = Settings.resolve(parsed.root(), filterBlocks, FilterContext.none());
        List<String> w = new ArrayList<>(parsed.warnings());
        checkServices(parsed.root(), w);
        this.services = BuiltinServices.bind(parsed.root(), top);
        checkEveryFilter(w);
        this.warnings = List.copyOf(w);
    }

    /** Parses, validates and binds a main configuration file; throws {@link ConfigException} on any error. */
    public static LoftConfig load(Path file) {
        return new LoftConfig(ConfigParser.parse(file));
    }

    /** As {@link #load(Path)}, with {@code $ENV:NAME} resolved from {@code environment}. */
    public static LoftConfig load(Path file, Map<String, String> environment) {
        return new LoftConfig(ConfigParser.parse(file, environment));
    }

    public static LoftConfig of(ParsedConfig parsed) {
        return new LoftConfig(parsed);
    }

    /** The main file given to {@link #load}. */
    public Path mainFile() {
        return parsed.mainFile();
    }

    /** The parse tree (top-level section). */
    public ConfigSection root() {
        return parsed.root();
    }

    /** The warning lines ({@code file:line: text}) to log once at startup. */
    public List<String> warnings() {
        return warnings;
    }

    /** The top-level settings, no filter applied. */
    public Settings settings() {
        return top;
    }

    /** The effective settings for a protocol / local / remote address / SNI name. */
    public Settings settings(FilterContext context) {
        if (context.local() == null && context.remote() == null && context.localName() == null) {
            if (context.protocol() == null) {
                return top;
            }
            return byProtocol.computeIfAbsent(context.protocol(),
                    p -> Settings.resolve(parsed.root(), filterBlocks, context));
        }
        return Settings.resolve(parsed.root(), filterBlocks, context);
    }

    /** Shorthand for {@code settings(FilterContext.protocol(protocol))}. */
    public Settings settings(String protocol) {
        return settings(FilterContext.protocol(protocol));
    }

    /** The protocols to serve, each once ({@code none} and an empty value mean none). */
    public List<String> protocols() {
        return top.list("protocols").stream().filter(p -> !p.equals("none")).distinct().toList();
    }

    public List<String> listen() {
        return top.list("listen");
    }

    public Path baseDir() {
        return Path.of(top.string("base_dir"));
    }

    /** Every service (Dovecot's built-in ones and configured ones), listeners merged over the defaults. */
    public List<ServiceSettings> services() {
        return services;
    }

    public Optional<ServiceSettings> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The services Loft should run: those whose protocol is in {@code protocols}, plus {@code auth}.
     */
    public List<ServiceSettings> activeServices() {
        List<String> protocols = protocols();
        return services.stream()
                .filter(s -> BuiltinServices.isLoftService(s.name()))
                .filter(s -> s.protocol().map(protocols::contains).orElse(true))
                .toList();
    }

    public SslSettings ssl(FilterContext context) {
        return SslSettingsBinder.bind(settings(context));
    }

    public SslSettings ssl() {
        return SslSettingsBinder.bind(top);
    }

    /**
     * The TLS settings for each {@code local_name} mask whose block changes an ssl_* setting, in configuration
     * order: what a client asking for that name by SNI gets (Dovecot's login process looks the ssl_* settings up
     * again for the SNI name and switches to that context). Blocks that change nothing about TLS are left out;
     * those names get the default context.
     */
    public Map<String, SslSettings> sslByLocalName() {
        Map<String, SslSettings> out = new LinkedHashMap<>();
        for (ConfigSection block : parsed.root().children("local_name")) {
            if (SslSettings.PER_NAME_KEYS.stream().noneMatch(k -> block.explicit(k).isPresent())) {
                continue;
            }
            for (String mask : SettingType.parseList(block.name())) {
                out.computeIfAbsent(mask.toLowerCase(java.util.Locale.ROOT),
                        m -> SslSettingsBinder.bind(settings(FilterContext.none().withLocalName(m))));
            }
        }
        return out;
    }

    public LoggingSettings logging() {
        return LoggingSettingsBinder.bind(top);
    }

    public LoggingSettings logging(String protocol) {
        return LoggingSettingsBinder.bind(settings(protocol));
    }

    /** The top-level sections of a type, in order: {@code sections("passdb")}. */
    public List<ConfigSection> sections(String type) {
        return parsed.root().children(type);
    }

    private static void checkServices(ConfigSection root, List<String> warnings) {
        for (ConfigSection s : root.children("service")) {
            String name = s.name();
            if (isEmpty(s) && (BuiltinServices.UNSUPPORTED_SERVICES.contains(name)
                    || BuiltinServices.PROCESS_MODEL_SERVICES.contains(name))) {
                continue; // an empty block (Debian ships "service director { ... }" all commented out) changes nothing
            }
            if (BuiltinServices.UNSUPPORTED_SERVICES.contains(name)) {
                throw new ConfigException(s.location(), "Loft does not support the " + name + " service yet");
            }
            if (BuiltinServices.PROCESS_MODEL_SERVICES.contains(name)) {
                warnings.add(s.location() + ": service " + name
                        + " is part of Dovecot's process model; Loft accepts it and it has no effect");
            } else if (!BuiltinServices.isLoftService(name)) {
                throw new ConfigException(s.location(), "Unknown service: " + name);
            }
        }
    }

    /**
     * Dovecot refuses a connection that two filters match when neither contains the other and both set
     * the same key ("Conflict in setting X"); Loft takes the more specific one and says so once here.
     */
    private void conflictWarnings(List<String> w) {
        for (int i = 0; i < filterBlocks.size(); i++) {
            for (int j = 0; j < filterBlocks.size(); j++) {
                Settings.Block a = filterBlocks.get(i);
                Settings.Block b = filterBlocks.get(j);
                if (i == j || Filter.SPECIFICITY.compare(a.filter(), b.filter()) < 0
                        || Filter.SPECIFICITY.compare(a.filter(), b.filter()) == 0 && i < j) {
                    continue; // consider each pair once, with a the more specific
                }
                if (b.filter().isSupersetOf(a.filter()) || !a.filter().mayOverlap(b.filter())) {
                    continue;
                }
                for (String key : a.section().settings().keySet()) {
                    if (b.section().settings().containsKey(key)) {
                        w.add(a.section().settings().get(key).location() + ": " + key + " is also set in the "
                                + b.section().header() + " filter at " + b.section().settings().get(key).location()
                                + ", which can match the same connections; Dovecot refuses such connections"
                                + " (\"Conflict in setting\"), Loft uses this more specific value");
                    }
                }
            }
        }
    }

    private static boolean isEmpty(ConfigSection s) {
        return s.settings().isEmpty() && s.children().stream().allMatch(LoftConfig::isEmpty);
    }

    /** Binds the typed views of every protocol once, so bad values stop startup rather than a session. */
    private void checkEveryFilter(List<String> w) {
        List<String> checked = new ArrayList<>(Protocols.KNOWN);
        checked.add("lda");
        SslSettingsBinder.bind(top);
        LoggingSettingsBinder.bind(top);
        for (String p : checked) {
            Settings s = settings(p);
            SslSettingsBinder.bind(s);
            LoggingSettingsBinder.bind(s);
        }
        sslByLocalName();
        conflictWarnings(w);
        if (protocols().isEmpty()) {
            w.add(top.location("protocols") + ": protocols is empty: no protocol will be served");
        }
        String configuredMin = top.string("ssl_min_protocol");
        int floor = SslSettings.VERSIONS.indexOf(SslSettings.FLOOR);
        if (top.isSet("ssl_min_protocol") && (configuredMin.equals("ANY")
                || SslSettings.VERSIONS.indexOf(configuredMin) < floor)) {
            w.add(top.location("ssl_min_protocol") + ": ssl_min_protocol = " + configuredMin
                    + " is below Loft's floor; TLSv1.2 is used");
        }
        if (top.isSet("ssl_protocols")) {
            w.add(top.location("ssl_protocols") + ": ssl_protocols is obsolete (Dovecot 2.3 uses ssl_min_protocol);"
                    + " Loft maps it onto ssl_min_protocol = " + SslSettingsBinder.minProtocol(top));
        }
    }
}
