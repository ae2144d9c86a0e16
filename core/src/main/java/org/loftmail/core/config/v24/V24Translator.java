package org.loftmail.core.config.v24;

import java.util.Map;
import java.util.Set;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SettingDefinitions;
import org.loftmail.core.config.SourceLocation;

/**
 * Walks the syntax tree of a 2.4 file and writes the equivalent 2.3 settings: renamed settings, boolean lists as
 * word lists, {@code mail_*} paths as {@code mail_location}, passdb/userdb blocks as driver + args, quota blocks as
 * the quota plugin's settings, Sieve storages and settings as the Sieve plugin's. What has no 2.3 form in Loft is refused at its line, never dropped.
 */
final class V24Translator {

    private static final Set<String> FILTERS = Set.of("protocol", "local", "remote", "local_name");
    private static final Set<String> VERSIONS = Set.of("dovecot_config_version", "dovecot_storage_version");

    private final ConfigParser.TreeWriter out;
    private final DovecotVersion version;
    private final SourceLocation versionAt;
    private final Boollists boollists = new Boollists();
    private final Values values;
    private final AuthDbTranslator authDbs;
    private final QuotaTranslator quotas;
    private final SieveTranslator sieve;
    private Scope top;

    V24Translator(ConfigParser.TreeWriter out, Map<String, String> environment, DovecotVersion version,
            SourceLocation versionAt) {
        this.out = out;
        this.version = version;
        this.versionAt = versionAt;
        this.values = new Values(environment, boollists);
        boollists.use(values);
        this.authDbs = new AuthDbTranslator(out, values);
        this.quotas = new QuotaTranslator(values);
        this.sieve = new SieveTranslator(values);
    }

    void translate(ConfigSection root) {
        top = new Scope(null, root);
        filterScope(top);
        VersionDefaults.apply(version, root, versionAt, out);
        quotas.emit(out);
        sieve.emit(out);
    }

    /** The top level or a protocol/local/remote filter: where settings are written. */
    private void filterScope(Scope scope) {
        MailLocation location = new MailLocation();
        for (Map.Entry<String, ConfigValue> e : scope.section().settings().entrySet()) {
            if (scope.parent() == null && VERSIONS.contains(e.getKey())) {
                continue;
            }
            setting(scope, e.getKey(), e.getValue(), location);
        }
        for (ConfigSection child : scope.section().children()) {
            if (!V24Names.BOOLLISTS.contains(child.type())) {
                section(scope, child);
            }
        }
        for (String list : V24Names.BOOLLISTS) {
            if (Boollists.written(scope, list)) {
                ConfigValue v = scope.section().settings().get(list);
                SourceLocation at = v != null ? v.location() : scope.section().children(list).get(0).location();
                out.set(list, String.join(" ", boollists.items(scope, list)), at, null);
            }
        }
        location.emit(out);
    }

    private void setting(Scope scope, String key, ConfigValue v, MailLocation location) {
        String foreign = V24Names.foreignSetting(key);
        if (foreign != null) {
            throw new ConfigException(v.location(), foreign);
        }
        if (V24Names.BOOLLISTS.contains(key)) {
            return; // written with the scope's boolean lists
        }
        if (MailLocation.KEYS.contains(key)) {
            location.put(key, v, values.of(scope, key, v));
            return;
        }
        String fileKey = V24Names.FILE_VALUED.get(key);
        if (fileKey != null) {
            String name = values.expand(scope, v);
            if (!name.isEmpty()) {
                out.setFromFile(fileKey, v.location().file().getParent().resolve(name).normalize(), v.location());
            }
            return;
        }
        switch (key) {
            case "log_debug" -> logDebug(values.expand(scope, v), v.location());
            case "ssl_server_prefer_ciphers" -> out.set("ssl_prefer_server_ciphers",
                    choice(key, values.expand(scope, v), v, "server", "client"), v.location(), null);
            case "auth_allow_cleartext" -> out.set("disable_plaintext_auth",
                    choice(key, values.expand(scope, v), v, "no", "yes"), v.location(), null);
            default -> {
                if (key.startsWith("fts_") && !boollists.items(top, "mail_plugins").contains("fts")) {
                    out.warn(v.location() + ": " + key + " has no effect: the fts plugin is not in mail_plugins"
                            + " (Dovecot ignores it then too)");
                } else if (QuotaTranslator.isQuotaSetting(key)) {
                    quotas.top(scope, key, v);
                } else if (SieveTranslator.isSieveSetting(key)) {
                    sieve.top(scope, key, v);
                } else {
                    out.set(V24Names.RENAMED.getOrDefault(key, key), values.of(scope, key, v), v.location(),
                            v.sourceFile());
                }
            }
        }
    }

    /** {@code yes}/{@code no} of a 2.3 bool for one of two 2.4 words. */
    private static String choice(String key, String value, ConfigValue at, String yesWord, String noWord) {
        if (value.equals(yesWord)) {
            return "yes";
        }
        if (value.equals(noWord)) {
            return "no";
        }
        throw new ConfigException(at.location(), key + ": Invalid value '" + value + "' (use " + yesWord + " or "
                + noWord + ")");
    }

    /** 2.4's debug logging is an event filter; Loft has 2.3's two switches, so it reads the filters they are. */
    private void logDebug(String filter, SourceLocation at) {
        String f = filter.replace("(", " ").replace(")", " ").strip();
        if (f.isEmpty()) {
            return;
        }
        for (String term : f.split("(?i)\\s+or\\s+")) {
            switch (term.strip()) {
                case "category=mail" -> out.set("mail_debug", "yes", at, null);
                case "category=auth" -> out.set("auth_debug", "yes", at, null);
                default -> throw new ConfigException(at, "log_debug: Loft reads only category=mail and category=auth"
                        + " (joined with OR) yet, not '" + term.strip() + "'");
            }
        }
    }

    private void section(Scope scope, ConfigSection child) {
        String type = child.type();
        refuseForeign(type, child.location());
        if (FILTERS.contains(type)) {
            out.open(type, child.name(), child.location());
            filterScope(scope.enter(child));
            out.close();
        } else if (type.equals("passdb") || type.equals("userdb")) {
            authDbs.translate(scope, child);
        } else if (type.equals("quota")) {
            quotas.block(scope, child);
        } else if (type.equals("sieve_script")) {
            sieve.block(scope, child);
        } else if (SieveTranslator.LISTS.contains(type)) {
            sieve.listBlock(scope, child);
        } else if (SettingDefinitions.SECTIONS.containsKey(type)
                || !child.settings().isEmpty() || !child.children().isEmpty()) {
            block(scope, child); // an unknown type is refused by the writer, at its line
        }
        // else: an empty block of a type Loft does not know (Debian's "dict_server { }") changes nothing
    }

    /** Any other block (service, listener, namespace, mailbox): same names, values rewritten. */
    private void block(Scope outer, ConfigSection section) {
        Scope scope = outer.enter(section);
        out.open(section.type(), section.name(), section.location());
        for (Map.Entry<String, ConfigValue> e : section.settings().entrySet()) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            refuseForeign(key, v.location());
            if (section.type().equals("service")
                    && (key.equals("restart_request_count") || key.equals("service_restart_request_count"))) {
                String count = values.expand(scope, v);
                out.set("service_count", count.equals("unlimited") ? "0" : count, v.location(), null);
            } else {
                out.set(key, values.of(scope, key, v), v.location(), v.sourceFile());
            }
        }
        for (ConfigSection child : section.children()) {
            refuseForeign(child.type(), child.location());
            block(scope, child);
        }
        out.close();
    }

    /** A 2.3 name in a 2.4 file (mixing the languages), or a 2.4 feature Loft cannot honour yet. */
    private static void refuseForeign(String name, SourceLocation at) {
        String problem = V24Names.foreign(name);
        if (problem != null) {
            throw new ConfigException(at, problem);
        }
    }
}
