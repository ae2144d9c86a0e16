package org.loftmail.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dovecot 2.3's configuration language: {@code key = value}, {@code #} comments, quotes,
 * trailing-backslash continuation, {@code $key} (an earlier value), {@code key = <file}, sections
 * {@code type [name] {}} (same-named ones merge), {@code !include}/{@code !include_try} with globs,
 * and the filters {@code protocol}, {@code local}, {@code remote}, {@code local_name}.
 *
 * <p>Every key and section is checked against {@link SettingDefinitions} as it is read, so an error
 * names the file and line. {@code %} variables are kept as written. A parser is used once.
 */
public final class ConfigParser {

    private static final int MAX_INCLUDE_DEPTH = 20;
    private static final long MAX_FILE_BYTES = 16L << 20;
    private static final Pattern DOLLAR = Pattern.compile("(?<=^|[\\s,])\\$(ENV:)?([A-Za-z0-9_]+)");
    private static final Set<String> TLS_PROTOCOLS = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private final boolean typed;
    /** False for Dovecot 2.4 files read for their syntax only: {@code $SET:name} is left for the 2.4 reader. */
    private final boolean expandDollars;
    private final Map<String, String> environment;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
    private final Deque<SectionBuilder> stack = new ArrayDeque<>();

    private ConfigParser(boolean typed, Map<String, String> environment) {
        this(typed, true, environment);
    }

    private ConfigParser(boolean typed, boolean expandDollars, Map<String, String> environment) {
        this.typed = typed;
        this.expandDollars = expandDollars;
        this.environment = environment;
    }

    /** Parses and validates a main configuration file such as loft.conf or dovecot.conf. */
    public static ParsedConfig parse(Path file) {
        return parse(file, System.getenv());
    }

    /** As {@link #parse(Path)}, with {@code $ENV:NAME} looked up in {@code environment}. */
    public static ParsedConfig parse(Path file, Map<String, String> environment) {
        // The one point where the language is chosen, as Dovecot chooses it (docs/adr/0104).
        if (ConfigLanguage.of(file) == ConfigLanguage.DOVECOT_2_4) {
            return org.loftmail.core.config.v24.V24Reader.read(file, environment);
        }
        return new ConfigParser(true, environment).run(file);
    }

    /**
     * Reads a Dovecot 2.4 file for its syntax only (includes, quotes, continuations, {@code <file}, sections),
     * keeping {@code $} references as written, for the 2.4 reader to interpret.
     */
    public static ParsedConfig parseVerbatim(Path file) {
        return new ConfigParser(false, false, Map.of()).run(file);
    }

    /**
     * A tree of 2.3 settings built from outside the 2.3 grammar (by the 2.4 reader): every section and value goes
     * through the same checks as a line of a 2.3 file, so the result cannot tell which language it came from.
     */
    public static TreeWriter treeWriter(Path mainFile) {
        ConfigParser parser = new ConfigParser(true, Map.of());
        Path main = mainFile.toAbsolutePath().normalize();
        parser.stack.push(new SectionBuilder("", "", new SourceLocation(main, 1), SettingDefinitions.SECTIONS.get(""),
                Filter.ALL));
        return parser.new TreeWriter(main);
    }

    /** See {@link #treeWriter(Path)}. */
    public final class TreeWriter {
        private final Path main;

        private TreeWriter(Path main) {
            this.main = main;
        }

        /** Opens a section; {@code name} is unquoted, or a filter's arguments as written. */
        public void open(String type, String name, SourceLocation at) {
            SectionDefinition def = SettingDefinitions.SECTIONS.get(type);
            boolean filter = def != null && def.isFilter();
            openSection(type, filter || name.isEmpty() ? name
                    : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", at);
        }

        public void close() {
            stack.pop();
        }

        /** Assigns a value as it would be after quotes and {@code $} references of a 2.3 line. */
        public void set(String key, String value, SourceLocation at, Path sourceFile) {
            check(stack.peek(), key, value, at);
            stack.peek().set(key, new ConfigValue(value, at, sourceFile));
        }

        /** {@code key = <file}. */
        public void setFromFile(String key, Path file, SourceLocation at) {
            set(key, readValueFile(key, file, at), at, file);
        }

        public void warn(String message) {
            warnings.add(message);
        }

        public ParsedConfig finish() {
            return new ParsedConfig(main, stack.getLast().build(), warnings);
        }
    }

    /**
     * Parses a file in the same syntax without checking keys against Loft's settings table, for
     * side files such as dovecot-sql.conf.ext ({@code driver}, {@code connect}, {@code password_query}).
     * Includes, quotes, continuations, {@code <file} and sections work as in the main file.
     */
    public static ParsedConfig parseUntyped(Path file) {
        return new ConfigParser(false, System.getenv()).run(file);
    }

    private ParsedConfig run(Path file) {
        Path main = file.toAbsolutePath().normalize();
        SectionDefinition top = typed ? SettingDefinitions.SECTIONS.get("") : null;
        SectionBuilder root = new SectionBuilder("", "", new SourceLocation(main, 1), top, Filter.ALL);
        stack.push(root);
        if (!Files.isRegularFile(main)) {
            throw new ConfigException(new SourceLocation(main, 1), "Can't open configuration file: "
                    + (Files.exists(main) ? "not a regular file" : "No such file"));
        }
        parseFile(main, 0, null);
        return new ParsedConfig(main, root.build(), warnings);
    }

    // ---- files ---------------------------------------------------------------------------------

    private void parseFile(Path file, int depth, SourceLocation includedFrom) {
        List<String> lines = readLines(file, includedFrom);
        int baseDepth = stack.size();
        StringBuilder continued = null;
        int continuedFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            SourceLocation here = new SourceLocation(file, lineNo);
            if (lines.get(i).indexOf('\0') >= 0) {
                throw new ConfigException(here, "NUL character in line");
            }
            String line = stripComment(lines.get(i), here);
            boolean continues = line.endsWith("\\");
            if (continues) {
                if (continued == null) {
                    continued = new StringBuilder();
                    continuedFrom = lineNo;
                }
                String part = line.substring(0, line.length() - 1).strip();
                if (!part.isEmpty()) {
                    continued.append(part).append(' ');
                }
                continue;
            }
            SourceLocation at = here;
            if (continued != null) {
                line = continued.append(line).toString().strip();
                at = new SourceLocation(file, continuedFrom);
                continued = null;
            }
            if (!line.isEmpty()) {
                handleLine(line, at, depth, baseDepth);
            }
        }
        if (continued != null) {
            handleLine(continued.toString().strip(), new SourceLocation(file, continuedFrom), depth, baseDepth);
        }
        if (stack.size() > baseDepth) {
            SectionBuilder open = stack.peek();
            throw new ConfigException(new SourceLocation(file, Math.max(1, lines.size())),
                    "Missing '}' (section '" + (open.name.isEmpty() ? open.type : open.type + " " + open.name)
                            + "' opened at " + open.location + " is not closed)");
        }
    }

    private static List<String> readLines(Path file, SourceLocation includedFrom) {
        SourceLocation where = includedFrom != null ? includedFrom : new SourceLocation(file, 1);
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(where, file + ": file is larger than 16 MB");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new ConfigException(where, file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(where, "Can't read " + file + ": " + e.getMessage());
        }
    }

    /** Removes a comment (a {@code #} outside quotes) and surrounding white space. */
    private String stripComment(String raw, SourceLocation here) {
        String line = raw.strip();
        if (line.startsWith("#")) {
            return "";
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != c) {
                    if (line.charAt(j) == '\\') {
                        j++;
                    }
                    j++;
                }
                if (j >= line.length()) {
                    break; // unterminated quote: no comment follows
                }
                i = j;
            } else if (c == '#') {
                if (!Character.isWhitespace(line.charAt(i - 1))) {
                    warnings.add(here + ": Ambiguous '#' character in line, treating it as comment."
                            + " Add a space before it to remove this warning.");
                }
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    // ---- lines ---------------------------------------------------------------------------------

    private void handleLine(String line, SourceLocation at, int depth, int baseDepth) {
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '='
                && line.charAt(i) != '{') {
            i++;
        }
        String key = line.substring(0, i);
        String rest = line.substring(i).strip();
        if (key.equals("!include") || key.equals("!include_try")) {
            include(unquote(rest, at), key.equals("!include_try"), at, depth);
            return;
        }
        if (rest.startsWith("=")) {
            if (key.isEmpty()) {
                throw new ConfigException(at, "Missing setting name before '='");
            }
            assign(key, rest.substring(1).strip(), at);
            return;
        }
        if (key.equals("}") && rest.isEmpty()) {
            if (stack.size() <= baseDepth) {
                throw new ConfigException(at, "Unexpected '}'");
            }
            stack.pop();
            return;
        }
        if (key.startsWith("}")) {
            throw new ConfigException(at, "Garbage after '}'");
        }
        if (key.isEmpty() || key.startsWith("!")) {
            throw new ConfigException(at, key.startsWith("!") ? "Unknown directive: " + key
                    : "Expecting a setting name or a section");
        }
        int brace = rest.indexOf('{');
        if (brace < 0) {
            throw new ConfigException(at, "Expecting '=' after " + key);
        }
        if (brace != rest.length() - 1) {
            List<String> parts = InlineBlocks.split(line);
            if (parts == null) {
                throw new ConfigException(at, "Garbage after '{'");
            }
            for (String part : parts) {
                handleLine(part, at, depth, baseDepth);
            }
            return;
        }
        openSection(key, rest.substring(0, brace).strip(), at);
    }

    // ---- includes ------------------------------------------------------------------------------

    private void include(String pattern, boolean optional, SourceLocation at, int depth) {
        if (pattern.isEmpty()) {
            throw new ConfigException(at, "!include needs a file name");
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new ConfigException(at, "Includes nested more than " + MAX_INCLUDE_DEPTH + " deep (an include loop?)");
        }
        Path base = at.file().getParent();
        List<Path> files;
        try {
            files = glob(base.resolve(pattern).normalize(), at);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(at, "!include " + pattern + ": invalid path");
        }
        if (files.isEmpty() && !hasGlob(pattern) && !optional) {
            throw new ConfigException(at, "!include " + pattern + ": No such file or directory");
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                if (optional) {
                    continue;
                }
                throw new ConfigException(at, "!include " + f + ": Permission denied");
            }
            parseFile(f, depth + 1, at);
        }
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** The regular files matching a path whose last parts may hold glob characters, sorted. */
    private static List<Path> glob(Path pattern, SourceLocation at) {
        if (!hasGlob(pattern.toString())) {
            return Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
        }
        List<Path> dirs = List.of(pattern.getRoot());
        for (Path part : pattern.getRoot().relativize(pattern)) {
            List<Path> next = new ArrayList<>();
            String p = part.toString();
            for (Path dir : dirs) {
                if (!hasGlob(p)) {
                    next.add(dir.resolve(p));
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                TreeSet<Path> sorted = new TreeSet<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p)) {
                    ds.forEach(sorted::add);
                } catch (IOException | RuntimeException e) {
                    throw new ConfigException(at, "!include: can't list " + dir + ": " + e.getMessage());
                }
                next.addAll(sorted);
            }
            dirs = next;
        }
        return dirs.stream().filter(Files::isRegularFile).toList();
    }

    // ---- sections ------------------------------------------------------------------------------

    private void openSection(String type, String rawName, SourceLocation at) {
        SectionBuilder scope = stack.peek();
        if (!typed) {
            String name = unquote(rawName, at);
            stack.push(scope.child(type + "\0" + name, () -> new SectionBuilder(type, name, at, null, null)));
            return;
        }
        SectionDefinition def = SettingDefinitions.SECTIONS.get(type);
        if (def == null) {
            throw new ConfigException(at, "Unknown section type: " + type);
        }
        if (!scope.definition.childTypes().contains(type)) {
            throw new ConfigException(at, "Section '" + type + "' is not allowed "
                    + (scope.type.isEmpty() ? "at the top level" : "inside '" + scope.type + "'"));
        }
        if (scope.unsupported) {
            throw unsupportedSection(scope, at);
        }
        if (def.isFilter()) {
            Filter filter;
            try {
                filter = Filter.parse(type, rawName, scope.filter);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, e.getMessage());
            }
            String args = String.join(" ", SettingType.parseList(rawName));
            stack.push(scope.child(type + "\0" + args, () -> new SectionBuilder(type, args, at, def, filter)));
            return;
        }
        boolean quoted = rawName.startsWith("\"") || rawName.startsWith("'");
        if (!quoted && rawName.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(at, "Expecting '{' after section name '" + rawName.split("\\s+")[0] + "'");
        }
        String name = unquote(rawName, at);
        switch (def.naming()) {
            case NONE -> {
                if (!name.isEmpty()) {
                    throw new ConfigException(at, "Section '" + type + "' takes no name");
                }
            }
            case REQUIRED -> {
                if (name.isEmpty()) {
                    throw new ConfigException(at, "Section '" + type + "' needs a name");
                }
            }
            default -> {
                // OPTIONAL
            }
        }
        String mergeKey = name.isEmpty() && def.unnamedRepeat() ? null : type + "\0" + name;
        SectionBuilder child = scope.child(mergeKey, () -> new SectionBuilder(type, name, at, def, null));
        // An empty block of an unsupported type (Debian's stock "dict { }") changes nothing: accepted.
        child.unsupported = def.support() == Support.UNSUPPORTED;
        stack.push(child);
    }

    private static ConfigException unsupportedSection(SectionBuilder section, SourceLocation at) {
        return new ConfigException(at, "Loft does not support the " + section.type + " section yet (opened at "
                + section.location + ")");
    }

    // ---- settings ------------------------------------------------------------------------------

    private void assign(String key, String raw, SourceLocation at) {
        SectionBuilder scope = stack.peek();
        Path sourceFile = null;
        String value;
        if (!expandDollars && org.loftmail.core.config.v24.V24Names.foreign(key) != null) {
            // a 2.4 file: a 2.3 name is reported as such before its "<file" is opened
            throw new ConfigException(at, org.loftmail.core.config.v24.V24Names.foreign(key));
        }
        if (raw.startsWith("<")) {
            String name = unquote(raw.substring(1).strip(), at);
            if (name.isEmpty()) {
                throw new ConfigException(at, key + ": missing file name after '<'");
            }
            try {
                sourceFile = at.file().getParent().resolve(name).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new ConfigException(at, key + ": invalid file name " + name);
            }
            value = readValueFile(key, sourceFile, at);
        } else if (isQuoted(raw)) {
            value = unquote(raw, at);
        } else if (expandDollars && raw.indexOf('$') >= 0) {
            value = expandDollars(raw, at);
            ConfigValue whole = wholeVariable(raw);
            if (whole != null && whole.value().equals(value)) {
                sourceFile = whole.sourceFile(); // "ssl_cert = $ssl_cert" keeps the file it came from
            }
        } else {
            value = raw;
        }
        if (typed) {
            check(scope, key, value, at);
        }
        scope.set(key, new ConfigValue(value, at, sourceFile));
    }

    private static String readValueFile(String key, Path file, SourceLocation at) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(at, key + ": " + file + " is larger than 16 MB");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return text.substring(0, end);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(at, key + ": Can't open file " + file + ": No such file or directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(at, key + ": Can't open file " + file + ": Permission denied");
        } catch (IOException e) {
            throw new ConfigException(at, key + ": Can't read file " + file + ": " + e.getMessage());
        }
    }

    private String expandDollars(String raw, SourceLocation at) {
        Matcher m = DOLLAR.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (m.group(1) != null) {
                replacement = environment.getOrDefault(name, "");
            } else {
                replacement = lookupVariable(name, at);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString(); // "$empty x" keeps its leading space, as in Dovecot
    }

    private ConfigValue wholeVariable(String raw) {
        if (!raw.matches("\\$[A-Za-z0-9_]+")) {
            return null;
        }
        for (SectionBuilder s : stack) {
            ConfigValue v = s.settings.get(raw.substring(1));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** {@code $name}: the value set earlier in this scope or an enclosing one, else the default. */
    private String lookupVariable(String name, SourceLocation at) {
        for (SectionBuilder s : stack) {
            ConfigValue v = s.settings.get(name);
            if (v != null) {
                return v.value();
            }
        }
        if (typed) {
            SettingDefinition def = stack.peek().definition.key(name);
            if (def == null) {
                def = SettingDefinitions.global(name);
            }
            if (def != null) {
                return def.defaultValue();
            }
        }
        throw new ConfigException(at, "Unknown variable: $" + name);
    }

    private void check(SectionBuilder scope, String key, String value, SourceLocation at) {
        if (scope.unsupported) {
            throw unsupportedSection(scope, at);
        }
        SectionDefinition sd = scope.definition;
        if (sd.support() == Support.PROCESS_MODEL) {
            warnOnce(sd.type() + " {}", scope.location, sd.type()
                    + " sections only tune Dovecot's process model; Loft accepts them and they have no effect");
        }
        SettingDefinition def = sd.key(key);
        if (def == null) {
            String mixed = ConfigLanguage.mixedInto23(key);
            if (mixed != null) {
                throw new ConfigException(at, mixed);
            }
            if (SettingDefinitions.isUnsupportedFeature(key)) {
                throw new ConfigException(at, "Loft does not support " + key + " yet");
            }
            throw new ConfigException(at, "Unknown setting: " + key
                    + (scope.type.isEmpty() || sd.isFilter() ? "" : " (in section '" + scope.type + "')"));
        }
        if (sd.isFilter() && !def.filterable()) {
            throw new ConfigException(at, key + " can only be set at the top level, not inside a " + scope.type
                    + " filter");
        }
        String problem = def.problemWith(value);
        if (problem != null) {
            throw new ConfigException(at, key + ": " + problem);
        }
        switch (def.support()) {
            case UNSUPPORTED -> {
                if (!value.equals(def.defaultValue())) {
                    throw new ConfigException(at, "Loft does not support " + key + " yet (only its default '"
                            + def.defaultValue() + "' is accepted)" + (def.note().isEmpty() ? "" : ": " + def.note()));
                }
            }
            case PROCESS_MODEL -> warnOnce(key, at, key
                    + " only tunes Dovecot's process model; Loft accepts it and it has no effect");
            case NOT_NEEDED -> warnOnce(key, at, key + " has no effect in Loft: " + def.note());
            case PLANNED -> warnOnce(key, at, key + " has no effect yet: " + def.note());
            default -> {
                // honoured
            }
        }
        if (scope.definition.type().equals("") || sd.isFilter()) {
            checkSpecial(key, value, at);
        }
    }

    private void checkSpecial(String key, String value, SourceLocation at) {
        if (key.equals("mail_plugins")) {
            for (String plugin : SettingType.parseList(value)) {
                if (!SettingDefinitions.MAIL_PLUGINS.contains(plugin)) {
                    throw new ConfigException(at, "Loft does not support the mail plugin " + plugin + " yet");
                }
            }
        } else if (key.equals("ssl_protocols")) {
            for (String word : SettingType.parseList(value)) {
                String p = word.startsWith("!") ? word.substring(1) : word;
                if (!TLS_PROTOCOLS.contains(p)) {
                    throw new ConfigException(at, "ssl_protocols: Unknown protocol '" + p + "'");
                }
            }
        } else if (key.equals("auth_verbose_passwords")) {
            if (!value.matches("(no|yes|plain|sha1)(:\\d+)?")) {
                throw new ConfigException(at, key + ": Invalid value '" + value + "': use no, plain or sha1 (optionally :N)");
            }
        } else if (key.equals("login_trusted_networks")) {
            for (String net : SettingType.parseList(value)) {
                try {
                    IpNet.parse(net);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(at, key + ": " + e.getMessage());
                }
            }
        } else if (key.equals("protocols")) {
            for (String p : SettingType.parseList(value)) {
                if (!Protocols.KNOWN.contains(p) && !p.equals("none")) {
                    throw new ConfigException(at, "protocols: Unknown protocol '" + p + "'");
                }
                if (!Protocols.SUPPORTED.contains(p) && !p.equals("none")) {
                    throw new ConfigException(at, "Loft does not support the protocol " + p + " yet");
                }
            }
        }
    }

    private void warnOnce(String what, SourceLocation at, String message) {
        if (warned.add(what)) {
            warnings.add(at + ": " + message);
        }
    }

    // ---- quoting -------------------------------------------------------------------------------

    private static boolean isQuoted(String s) {
        return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0);
    }

    /** Removes surrounding quotes and backslash escapes, or returns the text as it is. */
    private static String unquote(String s, SourceLocation at) {
        if (s.isEmpty() || s.charAt(0) != '"' && s.charAt(0) != '\'') {
            return s;
        }
        if (!isQuoted(s)) {
            throw new ConfigException(at, "Missing closing quote in " + s);
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
