package org.loftmail.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;
import org.loftmail.core.text.BoundedRegex;
import org.loftmail.core.text.WildcardMatcher;

/**
 * Dovecot 2.3's {@code %} variable expansion, used where a template is applied: auth queries,
 * mail_location, pop3_uidl_format, log formats. Configuration values are kept as templates and
 * expanded here, late.
 *
 * <p>Syntax: {@code %[-][0]offset.[0][-]width][modifiers](letter|{long name})}. Modifiers:
 * L lower, U upper, E escape, X decimal to hex, R reverse, M md5, H/N hashes (width is the modulus,
 * offset the zero padding), D LDAP dn, T trim. Long names: the ones given to the builder, plus
 * {@code userdb:name[:default]}, {@code env:NAME}, {@code hostname}, {@code pid}. An unknown
 * variable is an {@link IllegalArgumentException}; check templates at startup with
 * {@link #unknownVariables(String)}.
 */
public final class VariableExpander {

    /** The mail user / auth short names Dovecot defines (%u %n %d %s %h %l %r %a %b %p %i). */
    public static final Map<Character, String> USER_VARIABLES = Map.ofEntries(
            Map.entry('u', "user"), Map.entry('n', "username"), Map.entry('d', "domain"),
            Map.entry('s', "service"), Map.entry('h', "home"), Map.entry('l', "local_ip"),
            Map.entry('r', "remote_ip"), Map.entry('a', "local_port"), Map.entry('b', "remote_port"),
            Map.entry('p', "pid"), Map.entry('i', "uid"), Map.entry('k', "ssl_security"));

    /** Dovecot's older long names, still accepted. */
    private static final Map<String, String> LONG_ALIASES = Map.of("lip", "local_ip", "rip", "remote_ip",
            "lport", "local_port", "rport", "remote_port", "orig_user", "original_user",
            "orig_username", "original_username", "orig_domain", "original_domain");

    private static final String MODIFIERS = "LUEXRHNMDT";

    private final Map<Character, String> shortNames;
    private final Map<String, String> values;
    private final Map<String, String> userdb;
    private final Map<String, String> passdb;
    private final Map<String, String> environment;

    private VariableExpander(Builder b) {
        this.shortNames = Map.copyOf(b.shortNames);
        this.values = Map.copyOf(b.values);
        this.userdb = Map.copyOf(b.userdb);
        this.passdb = Map.copyOf(b.passdb);
        this.environment = Map.copyOf(b.environment);
    }

    /** A builder with Dovecot's user short names (%u %n %d ...) already mapped. */
    public static Builder builder() {
        return new Builder(USER_VARIABLES);
    }

    /**
     * A builder with its own short names, e.g. pop3_uidl_format's {@code %u} = uid, {@code %v} =
     * uidvalidity, {@code %m}, {@code %f}, {@code %g}.
     */
    public static Builder builder(Map<Character, String> shortNames) {
        return new Builder(shortNames);
    }

    /** Collects the variable values. Unset user parts are derived: username and domain from user. */
    public static final class Builder {
        private final Map<Character, String> shortNames;
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, String> userdb = new HashMap<>();
        private final Map<String, String> passdb = new HashMap<>();
        private final Map<String, String> environment = new HashMap<>();

        private Builder(Map<Character, String> shortNames) {
            this.shortNames = new HashMap<>(shortNames);
        }

        /** Sets a variable by its long name ({@code user}, {@code home}, {@code uidvalidity}). */
        public Builder set(String longName, String value) {
            values.put(Objects.requireNonNull(longName), Objects.requireNonNull(value));
            return this;
        }

        /** Sets a variable only when the value is not null. */
        public Builder setIfPresent(String longName, String value) {
            return value == null ? this : set(longName, value);
        }

        /** Adds or replaces a short name. */
        public Builder shortName(char letter, String longName) {
            shortNames.put(letter, longName);
            return this;
        }

        /** The userdb fields {@code %{userdb:name}} reads. */
        public Builder userdb(Map<String, String> fields) {
            userdb.putAll(fields);
            return this;
        }

        /** The passdb extra fields {@code %{passdb:name}} reads. */
        public Builder passdb(Map<String, String> fields) {
            passdb.putAll(fields);
            return this;
        }

        /** The environment {@code %{env:NAME}} reads (default: none, so tests and lookups stay explicit). */
        public Builder environment(Map<String, String> env) {
            environment.putAll(env);
            return this;
        }

        public VariableExpander build() {
            String user = values.get("user");
            if (user != null) {
                int at = user.indexOf('@');
                values.putIfAbsent("username", at < 0 ? user : user.substring(0, at));
                values.putIfAbsent("domain", at < 0 ? "" : user.substring(at + 1));
            }
            values.putIfAbsent("pid", Long.toString(ProcessHandle.current().pid()));
            return new VariableExpander(this);
        }
    }

    /** Expands every {@code %} variable in {@code template}. */
    public String expand(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        expandInto(template, out, null, false);
        return out.toString();
    }

    /** The variables in {@code template} this expander cannot resolve (empty when the template is fine). */
    public List<String> unknownVariables(String template) {
        List<String> unknown = new ArrayList<>();
        expandInto(template, new StringBuilder(), unknown, false);
        return unknown;
    }

    private void expandInto(String s, StringBuilder out, List<String> unknown, boolean backslashEscapes) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i++);
            if (backslashEscapes && c == '\\' && i < n) {
                out.append(s.charAt(i++));
                continue;
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= n) {
                out.append('%');
                break;
            }
            // [-][0]digits[.[0][-]digits]
            int sign = 1;
            int offset = 0;
            int width = 0;
            boolean zeroPad = false;
            if (s.charAt(i) == '-') {
                sign = -1;
                i++;
            }
            if (i < n && s.charAt(i) == '0') {
                zeroPad = true;
                i++;
            }
            while (i < n && Character.isDigit(s.charAt(i))) {
                width = Math.min(width * 10 + (s.charAt(i++) - '0'), 1_000_000);
            }
            if (i < n && s.charAt(i) == '.') {
                offset = sign * width;
                sign = 1;
                width = 0;
                i++;
                zeroPad = false;
                if (i < n && s.charAt(i) == '0') {
                    zeroPad = true;
                    i++;
                }
                if (i < n && s.charAt(i) == '-') {
                    sign = -1;
                    i++;
                }
                while (i < n && Character.isDigit(s.charAt(i))) {
                    width = Math.min(width * 10 + (s.charAt(i++) - '0'), 1_000_000);
                }
                width = sign * width;
            }
            StringBuilder modifiers = new StringBuilder();
            while (i < n && MODIFIERS.indexOf(s.charAt(i)) >= 0 && modifiers.length() < 10) {
                modifiers.append(s.charAt(i++));
            }
            if (i >= n) {
                break;
            }
            String value;
            char key = s.charAt(i);
            if (key == '{') {
                int end = closingBrace(s, i);
                String name = s.substring(i + 1, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
                value = longValue(name, unknown);
            } else {
                i++;
                if (key == '%') {
                    value = "%";
                } else {
                    String name = shortNames.get(key);
                    value = name == null ? null : longValue(name, unknown);
                    if (name == null) {
                        unknown(unknown, "%" + key);
                    }
                }
            }
            if (value == null) {
                continue;
            }
            int[] ctx = {offset, width};
            for (int m = 0; m < modifiers.length(); m++) {
                value = modify(modifiers.charAt(m), value, ctx);
            }
            out.append(substring(value, ctx[0], ctx[1], zeroPad));
        }
    }

    private static int closingBrace(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            if (s.charAt(j) == '{') {
                depth++;
            } else if (s.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private String longValue(String rawName, List<String> unknown) {
        if (rawName.startsWith("if;")) {
            return conditional(rawName, unknown);
        }
        String name = LONG_ALIASES.getOrDefault(rawName, rawName);
        String v = values.get(name);
        if (v != null) {
            return v;
        }
        if (name.equals("hostname")) {
            return hostname();
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            String kind = name.substring(0, colon);
            String rest = name.substring(colon + 1);
            if (kind.equals("env")) {
                return environment.getOrDefault(rest, "");
            }
            if (kind.equals("userdb") || kind.equals("passdb")) {
                int c2 = rest.indexOf(':');
                String field = c2 < 0 ? rest : rest.substring(0, c2);
                String dflt = c2 < 0 ? "" : rest.substring(c2 + 1);
                return (kind.equals("userdb") ? userdb : passdb).getOrDefault(field, dflt);
            }
        }
        if (shortNames.containsValue(name) || USER_VARIABLES.containsValue(name)) {
            // a known variable without a value in this context expands to nothing, as in Dovecot
            return "";
        }
        unknown(unknown, "%{" + rawName + "}");
        return null;
    }

    /**
     * {@code %{if;value1;op;value2;then;else}} (Dovecot 2.2.33+): each field is expanded, {@code \;}
     * {@code \:} {@code \%} are literal. Operators: == != < <= > >= (numbers), eq ne lt le gt ge
     * (strings), * and !* (wildcards), ~ and !~ (regular expressions).
     */
    private String conditional(String spec, List<String> unknown) {
        List<String> fields = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 3; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                cur.append(c).append(spec.charAt(++i));
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ';' && depth == 0) {
                fields.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        fields.add(cur.toString());
        if (fields.size() != 5) {
            unknown(unknown, "%{" + spec + "} (if needs 5 fields: value1;op;value2;then;else)");
            return null;
        }
        List<String> v = new ArrayList<>();
        for (String f : fields) {
            StringBuilder b = new StringBuilder();
            expandInto(f, b, unknown, true);
            v.add(b.toString());
        }
        Boolean result = compare(v.get(0), fields.get(1).strip(), v.get(2), unknown);
        if (result == null) {
            unknown(unknown, "%{" + spec + "} (unknown operator " + fields.get(1) + ")");
            return null;
        }
        return result ? v.get(3) : v.get(4);
    }

    private static Boolean compare(String a, String op, String b, List<String> unknown) {
        return switch (op) {
            case "==" -> number(a) == number(b);
            case "!=" -> number(a) != number(b);
            case "<" -> number(a) < number(b);
            case "<=" -> number(a) <= number(b);
            case ">" -> number(a) > number(b);
            case ">=" -> number(a) >= number(b);
            case "eq" -> a.equals(b);
            case "ne" -> !a.equals(b);
            case "lt" -> a.compareTo(b) < 0;
            case "le" -> a.compareTo(b) <= 0;
            case "gt" -> a.compareTo(b) > 0;
            case "ge" -> a.compareTo(b) >= 0;
            case "*" -> wildcard(a, b);
            case "!*" -> !wildcard(a, b);
            case "~" -> regex(a, b, unknown);
            case "!~" -> !regex(a, b, unknown);
            default -> null;
        };
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean wildcard(String value, String mask) {
        // never a regular expression: the mask may be expanded from user data (issue 20)
        return WildcardMatcher.glob(mask).matches(value);
    }

    /**
     * The {@code ~} operator: an invalid pattern does not match (as before); one too costly for the value fails the
     * expansion, like an unknown variable, so the caller's lookup fails with a reason instead of a thread spinning.
     */
    private static boolean regex(String value, String pattern, List<String> unknown) {
        try {
            return BoundedRegex.find(pattern, value, BoundedRegex.DEFAULT_BUDGET);
        } catch (PatternSyntaxException e) {
            return false;
        } catch (BoundedRegex.TooCostlyException e) {
            unknown(unknown, "%{if} " + e.getMessage());
            return false;
        }
    }

    private static void unknown(List<String> unknown, String what) {
        if (unknown == null) {
            throw new IllegalArgumentException("Unknown variable " + what);
        }
        unknown.add(what);
    }

    private static String modify(char m, String v, int[] ctx) {
        return switch (m) {
            case 'L' -> v.toLowerCase(Locale.ROOT);
            case 'U' -> v.toUpperCase(Locale.ROOT);
            case 'E' -> v.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
            case 'X' -> Long.toUnsignedString(parseUnsigned(v), 16);
            case 'R' -> new StringBuilder(v).reverse().toString();
            case 'M' -> HexFormat.of().formatHex(md5(v));
            case 'H' -> hashed(Integer.toUnsignedLong(oldHash(v)), ctx);
            case 'N' -> hashed(newHash(v), ctx);
            case 'D' -> v.replace(".", ",dc=");
            case 'T' -> v.stripTrailing();
            default -> throw new IllegalStateException("modifier " + m);
        };
    }

    /** %H/%N: the width is the modulus and the offset the zero padding; both are used up. */
    private static String hashed(long value, int[] ctx) {
        long v = value;
        if (ctx[1] != 0) {
            v = Long.remainderUnsigned(v, Integer.toUnsignedLong(ctx[1]));
            ctx[1] = 0;
        }
        StringBuilder hex = new StringBuilder(Long.toHexString(v & 0xffffffffL));
        while (hex.length() < ctx[0]) {
            hex.insert(0, '0');
        }
        ctx[0] = 0;
        return hex.toString();
    }

    private static long parseUnsigned(String v) {
        try {
            return Long.parseUnsignedLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Dovecot's str_hash (the ELF/PJW hash from glib), over the UTF-8 bytes. */
    static int oldHash(String v) {
        int h = 0;
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (b & 0xff);
            int g = h & 0xf0000000;
            if (g != 0) {
                h ^= g >>> 24;
                h ^= g;
            }
        }
        return h;
    }

    /** Dovecot's "new hash": the first 8 bytes of the MD5 digest, big-endian. */
    static long newHash(String v) {
        byte[] d = md5(v);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (d[i] & 0xff);
        }
        return value;
    }

    private static byte[] md5(String v) {
        try {
            return MessageDigest.getInstance("MD5").digest(v.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies offset and width (or zero padding) as Dovecot's var_expand does. */
    private static String substring(String v, int offset, int width, boolean zeroPad) {
        String s = v;
        if (offset < 0) {
            if (s.length() > -offset) {
                s = s.substring(s.length() + offset);
            }
        } else if (offset > 0) {
            s = offset >= s.length() ? "" : s.substring(offset);
        }
        if (width == 0) {
            return s;
        }
        if (!zeroPad) {
            int w = width < 0 ? s.length() + width : width;
            return s.substring(0, Math.max(0, Math.min(w, s.length())));
        }
        StringBuilder padded = new StringBuilder();
        for (int k = s.length(); k < width; k++) {
            padded.append('0');
        }
        return padded.append(s).toString();
    }

    private static String hostname() {
        String env = System.getenv("DOVECOT_HOSTNAME");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
