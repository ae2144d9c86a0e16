package org.loftmail.core.config.v24;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SourceLocation;

/**
 * Pigeonhole 2.4's Sieve settings as the 2.3 {@code plugin { }} settings the Sieve engine and ManageSieve bind:
 * {@code sieve_script NAME { type driver path active_path name bin_path precedence }} storages become
 * {@code sieve} (the first personal storage), {@code sieve_before}/{@code sieve_before2}… and
 * {@code sieve_after}… (in precedence order, then as written), {@code sieve_default}, {@code sieve_discard} and
 * {@code sieve_global}; the renamed quota settings get their 2.3 names; the boolean extension lists
 * ({@code sieve_extensions { imapflags = yes }}) become 2.3's relative lists ({@code +imapflags}). Other
 * {@code sieve_*} settings have the same name in both versions and are checked by the settings table.
 */
final class SieveTranslator {

    /** 2.4 names of Sieve settings 2.3 knew by another name. */
    static final Map<String, String> RENAMED = Map.of(
            "sieve_quota_script_count", "sieve_quota_max_scripts",
            "sieve_quota_storage_size", "sieve_quota_max_storage");

    /** Boolean lists relative to the default set, as 2.3's {@code +name -name} lists are. */
    static final Set<String> LISTS = Set.of("sieve_extensions", "sieve_global_extensions", "sieve_plugins");

    private static final List<String> TYPES = List.of("personal", "before", "after", "default", "discard",
            "global");

    private record PluginSetting(String key, String value, SourceLocation at) {}

    /** One {@code sieve_script NAME} storage; repeating the block with the same name adds to it, as in Dovecot. */
    private static final class Storage {
        final String name;
        final SourceLocation at;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, SourceLocation> where = new LinkedHashMap<>();

        Storage(String name, SourceLocation at) {
            this.name = name;
            this.at = at;
        }

        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        SourceLocation at(String key) {
            return where.getOrDefault(key, at);
        }
    }

    private final Values values;
    private final List<PluginSetting> settings = new ArrayList<>();
    private final Map<String, Storage> storages = new LinkedHashMap<>();
    private final Map<String, List<ConfigValue>> listAssignments = new LinkedHashMap<>();
    private final Map<String, List<ConfigSection>> listBlocks = new LinkedHashMap<>();

    SieveTranslator(Values values) {
        this.values = values;
    }

    static boolean isSieveSetting(String key) {
        return key.startsWith("sieve_");
    }

    /** A top-level {@code sieve_*} setting (or boolean list written as an assignment). */
    void top(Scope scope, String key, ConfigValue v) {
        topLevelOnly(scope, key, v.location());
        if (LISTS.contains(key)) {
            listAssignments.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
            return;
        }
        settings.add(new PluginSetting(RENAMED.getOrDefault(key, key), values.of(scope, key, v), v.location()));
    }

    /** {@code sieve_extensions { name = yes|no }} and the other Sieve boolean lists. */
    void listBlock(Scope scope, ConfigSection block) {
        topLevelOnly(scope, block.type(), block.location());
        if (!block.children().isEmpty()) {
            throw new ConfigException(block.children().get(0).location(), "Unknown section in " + block.type()
                    + ": " + block.children().get(0).header());
        }
        listBlocks.computeIfAbsent(block.type(), k -> new ArrayList<>()).add(block);
    }

    /** {@code sieve_script NAME { … }}. */
    void block(Scope outer, ConfigSection block) {
        topLevelOnly(outer, "sieve_script", block.location());
        if (block.name().isEmpty()) {
            throw new ConfigException(block.location(), "sieve_script needs a name (sieve_script personal { })");
        }
        if (!block.children().isEmpty()) {
            ConfigSection child = block.children().get(0);
            throw new ConfigException(child.location(), "Loft does not read " + child.header()
                    + " in a sieve_script block yet (only the file driver)");
        }
        Scope scope = outer.enter(block);
        Storage storage = storages.computeIfAbsent(block.name(), n -> new Storage(n, block.location()));
        for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
            String key = e.getKey().startsWith("sieve_script_") ? e.getKey().substring("sieve_script_".length())
                    : e.getKey();
            ConfigValue v = e.getValue();
            switch (key) {
                case "type", "driver", "precedence" -> storage.values.put(key, values.expand(scope, v).strip());
                case "path", "active_path", "name", "bin_path" -> storage.values.put(key, values.of(scope, key, v));
                default -> throw new ConfigException(v.location(), "Loft does not read " + e.getKey()
                        + " in a sieve_script block yet");
            }
            storage.where.put(key, v.location());
        }
    }

    void emit(ConfigParser.TreeWriter out) {
        storageSettings(out);
        for (String list : LISTS) {
            if (listAssignments.containsKey(list) || listBlocks.containsKey(list)) {
                list(list);
            }
        }
        if (settings.isEmpty()) {
            return;
        }
        out.open("plugin", "", settings.get(0).at());
        for (PluginSetting s : settings) {
            out.set(s.key(), s.value(), s.at(), null);
        }
        out.close();
    }

    private void storageSettings(ConfigParser.TreeWriter out) {
        Map<String, List<Storage>> byType = new LinkedHashMap<>();
        for (Storage s : storages.values()) {
            String type = s.get("type", "personal");
            if (!TYPES.contains(type)) {
                throw new ConfigException(s.at("type"), "sieve_script " + s.name + ": Loft does not support the"
                        + " storage type '" + type + "' yet (it reads " + String.join(", ", TYPES) + ")");
            }
            String driver = s.get("driver", "file");
            if (!driver.equals("file")) {
                throw new ConfigException(s.at("driver"), "sieve_script " + s.name + ": Loft reads only the file"
                        + " driver yet, not '" + driver + "'");
            }
            if (s.get("path", "").isEmpty()) {
                throw new ConfigException(s.at, "sieve_script " + s.name + ": path is not set");
            }
            if (!type.equals("personal") && s.values.containsKey("active_path")) {
                throw new ConfigException(s.at("active_path"), "sieve_script " + s.name + ": active_path applies"
                        + " only to a personal storage");
            }
            if (s.values.containsKey("precedence") && !s.get("precedence", "").matches("\\d{1,9}")) {
                throw new ConfigException(s.at("precedence"), "sieve_script " + s.name + ": precedence must be a"
                        + " number, not '" + s.get("precedence", "") + "'");
            }
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(s);
        }
        byType.forEach((type, list) -> {
            switch (type) {
                case "personal" -> first(out, list, "sieve", true);
                case "default" -> {
                    Storage s = first(out, list, "sieve_default", false);
                    if (s.values.containsKey("name")) {
                        settings.add(new PluginSetting("sieve_default_name", s.get("name", ""), s.at("name")));
                    }
                }
                case "discard" -> first(out, list, "sieve_discard", false);
                case "global" -> {
                    if (list.size() > 1) {
                        throw new ConfigException(list.get(1).at, "sieve_script " + list.get(1).name + ": Loft"
                                + " reads one global storage yet (" + list.get(0).name + " is the first)");
                    }
                    settings.add(new PluginSetting("sieve_global", location(list.get(0), false), list.get(0).at));
                }
                default -> sequence(type, list);
            }
        });
    }

    /** The first storage of a type that Pigeonhole uses only once; the others are named in a warning. */
    private Storage first(ConfigParser.TreeWriter out, List<Storage> list, String key, boolean personal) {
        Storage s = list.get(0);
        for (Storage ignored : list.subList(1, list.size())) {
            out.warn(ignored.at + ": sieve_script " + ignored.name + " is not used: only the first storage of its"
                    + " type (" + s.name + ") is, as in Pigeonhole");
        }
        settings.add(new PluginSetting(key, location(s, personal), s.at));
        return s;
    }

    /** before/after storages: sieve_before, sieve_before2, … ordered by precedence, then as written. */
    private void sequence(String type, List<Storage> list) {
        List<Storage> ordered = new ArrayList<>(list);
        ordered.sort(Comparator.comparingLong(s -> Long.parseLong(s.get("precedence", String.valueOf(Long.MAX_VALUE
                / 2)))));
        for (int i = 0; i < ordered.size(); i++) {
            Storage s = ordered.get(i);
            settings.add(new PluginSetting("sieve_" + type + (i == 0 ? "" : String.valueOf(i + 1)),
                    location(s, false), s.at));
        }
    }

    /** 2.3's location string: {@code file:PATH;active=…;name=…;bindir=…}. */
    private static String location(Storage s, boolean personal) {
        StringBuilder b = new StringBuilder("file:").append(s.get("path", ""));
        if (personal && s.values.containsKey("active_path")) {
            b.append(";active=").append(s.get("active_path", ""));
        }
        if (s.values.containsKey("name") && !s.get("type", "personal").equals("default")) {
            b.append(";name=").append(s.get("name", ""));
        }
        if (s.values.containsKey("bin_path")) {
            b.append(";bindir=").append(s.get("bin_path", ""));
        }
        return b.toString();
    }

    /**
     * A boolean list in 2.3's form: without an assignment, relative to the default ({@code +a -b}); after an
     * assignment ({@code sieve_extensions = a b}), the assigned list with the block's changes applied.
     */
    private void list(String key) {
        List<ConfigValue> assigned = listAssignments.getOrDefault(key, List.of());
        List<ConfigSection> blocks = listBlocks.getOrDefault(key, List.of());
        SourceLocation at = !assigned.isEmpty() ? assigned.get(0).location() : blocks.get(0).location();
        Set<String> items = new LinkedHashSet<>();
        List<String> changes = new ArrayList<>();
        boolean absolute = !assigned.isEmpty();
        if (absolute) {
            for (String w : assigned.get(assigned.size() - 1).value().strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    items.add(w);
                }
            }
        }
        for (ConfigSection block : blocks) {
            for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
                String v = e.getValue().value().strip();
                boolean on = switch (v) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new ConfigException(e.getValue().location(), key + " { " + e.getKey()
                            + " }: Invalid boolean '" + v + "' (use yes or no)");
                };
                if (absolute) {
                    if (on) {
                        items.add(e.getKey());
                    } else {
                        items.remove(e.getKey());
                    }
                } else {
                    changes.add((on ? "+" : "-") + e.getKey());
                }
            }
        }
        String value = absolute ? String.join(" ", items) : String.join(" ", changes);
        if (key.equals("sieve_plugins")) {
            value = value.replace("+", ""); // no default plugins: the list is what is switched on
        }
        settings.add(new PluginSetting(key, value, at));
    }

    private static void topLevelOnly(Scope scope, String what, SourceLocation at) {
        if (scope.parent() != null) {
            throw new ConfigException(at, what + ": Loft reads Sieve settings only at the top level yet");
        }
    }
}
