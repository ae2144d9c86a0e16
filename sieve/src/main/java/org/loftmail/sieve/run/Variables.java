package org.loftmail.sieve.run;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loftmail.sieve.compile.VariableNames;

/**
 * RFC 5229 variables of one script run: named variables (names are case-insensitive), the match variables
 * {@code ${0}}–{@code ${9}} of the last successful match, and expansion of {@code ${...}} in strings. Values are
 * cut at {@link #MAX_VALUE} characters and the count of variables is bounded, as Pigeonhole bounds them.
 */
final class Variables {

    static final int MAX_VALUE = 4000;
    static final int MAX_VARIABLES = 255;

    private final Map<String, String> values = new HashMap<>();
    private List<String> matches = List.of();
    private final Map<String, String> environment;
    /** The run's global variables (RFC 6609), shared with included scripts; null for the globals themselves. */
    private final Variables globals;
    /** Names this script declared with {@code global}: they live in {@link #globals}. */
    private final java.util.Set<String> globalNames = new java.util.HashSet<>();

    Variables(Map<String, String> environment) {
        this(environment, null);
    }

    Variables(Map<String, String> environment, Variables globals) {
        this.environment = environment;
        this.globals = globals;
    }

    void declareGlobal(String name) {
        globalNames.add(name.toLowerCase(Locale.ROOT));
    }

    private boolean global(String key) {
        return globals != null && (globalNames.contains(key) || key.startsWith("global."));
    }

    private static String globalKey(String key) {
        return key.startsWith("global.") ? key.substring(7) : key;
    }

    void set(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (global(key)) {
            globals.set(globalKey(key), value);
            return;
        }
        if (!values.containsKey(key) && values.size() >= MAX_VARIABLES) {
            throw new SieveRuntimeException("too many variables (at most " + MAX_VARIABLES + ")");
        }
        values.put(key, cut(value));
    }

    String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (global(key)) return globals.get(globalKey(key));
        return values.getOrDefault(key, "");
    }

    /** Pigeonhole keeps more than RFC 5229's ten match values; past this many they are dropped. */
    static final int MAX_MATCH_VALUES = 256;

    void matched(List<String> captured) {
        List<String> kept = captured.size() > MAX_MATCH_VALUES ? captured.subList(0, MAX_MATCH_VALUES) : captured;
        List<String> cut = new java.util.ArrayList<>(kept.size());
        for (String v : kept) cut.add(cut(v));
        matches = List.copyOf(cut);
    }

    static String cut(String value) {
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
    }

    /** Replaces each {@code ${name}} or {@code ${N}}; anything else stays as written. */
    String expand(String s) {
        int at = s.indexOf("${");
        if (at < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (at >= 0) {
            out.append(s, i, at);
            int end = s.indexOf('}', at + 2);
            if (end < 0) {
                i = at;
                break;
            }
            String name = s.substring(at + 2, end);
            String value = lookup(name);
            if (value == null) {
                out.append("${");
                i = at + 2;
            } else {
                out.append(value);
                i = end + 1;
            }
            if (out.length() > MAX_VALUE * 4) break;
            at = s.indexOf("${", i);
        }
        if (i < s.length()) out.append(s, i, s.length());
        return out.toString();
    }

    private String lookup(String name) {
        if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = name.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 4) return "";
            int n = Integer.parseInt(digits);
            return n < matches.size() ? matches.get(n) : "";
        }
        if (!VariableNames.validName(name)) return null;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("env.")) {
            return environment.getOrDefault(lower.substring(4), "");
        }
        if (global(lower)) return globals.get(globalKey(lower));
        if (lower.contains(".")) return null;
        return values.getOrDefault(lower, "");
    }

    /** The {@code set}/{@code extracttext} modifiers, highest precedence first (RFC 5229 section 4.1). */
    static String modify(String value, java.util.function.Predicate<String> has) {
        String v = value;
        if (has.test("lower")) v = v.toLowerCase(Locale.ROOT);
        if (has.test("upper")) v = v.toUpperCase(Locale.ROOT);
        if (has.test("lowerfirst") && !v.isEmpty()) v = v.substring(0, 1).toLowerCase(Locale.ROOT) + v.substring(1);
        if (has.test("upperfirst") && !v.isEmpty()) v = v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1);
        if (has.test("quotewildcard")) v = v.replaceAll("([*?\\\\])", "\\\\$1");
        if (has.test("quoteregex")) v = v.replaceAll("([*?\\\\.+\\[\\](){}|^$])", "\\\\$1");
        if (has.test("encodeurl")) {
            v = java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
        if (has.test("length")) v = String.valueOf(v.codePointCount(0, v.length()));
        return v;
    }
}
