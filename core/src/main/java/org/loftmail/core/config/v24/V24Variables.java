package org.loftmail.core.config.v24;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites Dovecot 2.4's {@code %{variable | filter | filter}} pipelines as the 2.3 templates Loft's
 * {@code VariableExpander} applies, so a 2.4 value and its 2.3 equivalent are the same string
 * ({@code %{user | username | lower}} is {@code %Ln}). A variable or filter without a 2.3 equivalent is refused:
 * an {@link IllegalArgumentException} whose message the reader reports at the value's line.
 */
final class V24Variables {

    private V24Variables() {}

    /** 2.4 variables that have a one-letter 2.3 name (upgrading-2.3-to-2.4's table, read backwards). */
    private static final Map<String, Character> LETTERS = Map.of(
            "user", 'u', "home", 'h', "protocol", 's', "service", 's', "local_ip", 'l', "remote_ip", 'r',
            "local_port", 'a', "remote_port", 'b', "mechanism", 'm', "password", 'w');

    /** 2.4 variables 2.3 knew by the same long name. */
    private static final List<String> LONG = List.of("session", "original_user", "master_user", "auth_user",
            "hostname", "login_user");

    private static final List<String> PROVIDERS = List.of("userdb:", "passdb:", "env:");

    /** The 2.3 form of a 2.4 value. */
    static String to23(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
            } else if (value.startsWith("%%", i)) {
                out.append("%%");
                i += 2;
            } else if (value.startsWith("%{", i)) {
                int end = closingBrace(value, i + 2);
                out.append(pipeline(value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append("%%"); // 2.4 reads a lone '%' as itself; 2.3 needs it doubled
                i++;
            }
        }
        return out.toString();
    }

    private static int closingBrace(String s, int from) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        throw new IllegalArgumentException("Missing '}' in %{" + s.substring(from));
    }

    private static String pipeline(String body) {
        List<String> parts = splitPipes(body);
        String variable = parts.get(0);
        if (variable.isEmpty()) {
            throw new IllegalArgumentException("Empty variable name in %{" + body + "}");
        }
        String base = variable;
        StringBuilder modifiers = new StringBuilder();
        String offset = null;
        String width = null;
        String fallback = null;
        boolean binaryHash = false;
        for (String filter : parts.subList(1, parts.size())) {
            String name = filter.contains("(") ? filter.substring(0, filter.indexOf('(')).strip() : filter;
            List<String> args = arguments(filter);
            if (binaryHash && !name.equals("hexlify")) {
                throw new IllegalArgumentException("%{" + body + "}: md5 gives binary; Loft reads md5 only followed"
                        + " by hexlify");
            }
            switch (name) {
                case "username", "domain" -> base = userPart(base, name, body);
                case "lower" -> modifiers.append('L');
                case "upper" -> modifiers.append('U');
                case "md5" -> {
                    modifiers.append('M');
                    binaryHash = true;
                }
                case "hexlify" -> {
                    if (!binaryHash) {
                        throw new IllegalArgumentException("%{" + body + "}: Loft reads hexlify only after md5");
                    }
                    binaryHash = false;
                }
                case "hex" -> modifiers.append('X');
                case "substr" -> {
                    if (args.isEmpty() || args.size() > 2 || !args.stream().allMatch(a -> a.matches("\\d+"))) {
                        throw new IllegalArgumentException("%{" + body + "}: substr takes an offset and a length");
                    }
                    offset = args.get(0);
                    width = args.size() == 2 ? args.get(1) : null;
                }
                case "default" -> {
                    if (args.size() != 1 || PROVIDERS.stream().noneMatch(base::startsWith)) {
                        throw new IllegalArgumentException("%{" + body + "}: Loft reads default(value) only on"
                                + " userdb:, passdb: and env: variables");
                    }
                    fallback = args.get(0);
                }
                default -> throw new IllegalArgumentException("%{" + body + "}: Loft does not support the filter '"
                        + name + "' yet");
            }
        }
        if (binaryHash) {
            throw new IllegalArgumentException("%{" + body + "}: md5 gives binary; write %{… | md5 | hexlify}");
        }
        StringBuilder out = new StringBuilder("%");
        if (offset != null && !offset.equals("0")) {
            out.append(offset).append('.');
        }
        if (width != null) {
            out.append(width);
        } else if (offset != null && !offset.equals("0")) {
            throw new IllegalArgumentException("%{" + body + "}: substr with an offset needs a length in Loft");
        }
        out.append(modifiers);
        return out.append(name23(base, fallback, body)).toString();
    }

    private static String userPart(String base, String filter, String body) {
        return switch (base) {
            case "user" -> filter.equals("username") ? "username" : "domain";
            case "original_user" -> "original_" + filter;
            default -> throw new IllegalArgumentException("%{" + body + "}: Loft reads " + filter
                    + " only on user and original_user");
        };
    }

    private static String name23(String base, String fallback, String body) {
        Character letter = LETTERS.get(base);
        if (base.equals("username")) {
            letter = 'n';
        } else if (base.equals("domain")) {
            letter = 'd';
        }
        if (letter != null) {
            return String.valueOf(letter);
        }
        if (PROVIDERS.stream().anyMatch(base::startsWith)) {
            if (fallback != null && (fallback.contains("}") || fallback.contains(":"))) {
                throw new IllegalArgumentException("%{" + body + "}: this default cannot be written in 2.3's syntax");
            }
            return "{" + base + (fallback == null ? "" : ":" + fallback) + "}";
        }
        if (LONG.contains(base) || base.startsWith("original_")) {
            return "{" + base + "}";
        }
        throw new IllegalArgumentException("Unknown variable %{" + base + "} in %{" + body + "}");
    }

    private static List<String> splitPipes(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '|') {
                out.add(cur.toString().strip());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString().strip());
        return out;
    }

    /** The positional arguments of {@code name(a, 'b')}, unquoted. */
    private static List<String> arguments(String filter) {
        int open = filter.indexOf('(');
        if (open < 0) {
            return List.of();
        }
        if (!filter.endsWith(")")) {
            throw new IllegalArgumentException("Missing ')' in filter " + filter);
        }
        List<String> args = new ArrayList<>();
        for (String a : filter.substring(open + 1, filter.length() - 1).split(",")) {
            String t = a.strip();
            if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.endsWith(t.substring(0, 1))) {
                t = t.substring(1, t.length() - 1);
            }
            if (!t.isEmpty()) {
                args.add(t);
            }
        }
        return args;
    }
}
