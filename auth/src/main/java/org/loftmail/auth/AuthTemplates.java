package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Expands Dovecot's {@code %} variables in driver arguments and queries for one request:
 * {@code %u %n %d %s %h %l %r %a %b %p %w %m %c %k %%}, the long forms {@code %{user}} and
 * friends, {@code %{passdb:field}}, {@code %{userdb:field[:default]}}, {@code %{env:NAME}},
 * modifiers {@code L U E T R X M H} and substrings ({@code %2u}, {@code %1.2n}, {@code %-2.2n}).
 *
 * <p>Every expanded value passes through {@code escape} (the SQL drivers pass their string
 * escaping here), so a user name can never change the shape of a query.
 */
public final class AuthTemplates {
    private AuthTemplates() {}

    /**
     * Checks a template at startup: unknown variables and broken syntax throw
     * IllegalArgumentException naming {@code where}, instead of failing every login later.
     */
    public static void validate(String template, String where) {
        try {
            expand(template, new AuthRequest(ClientInfo.local("validate"), "user@example.com", "user@example.com"), s -> s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public static String expand(String template, AuthRequest request, UnaryOperator<String> escape) {
        if (template.indexOf('%') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (template.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // [-]offset[.width] or width
            boolean negative = false;
            Integer first = null;
            Integer second = null;
            if (template.charAt(i) == '-') {
                negative = true;
                i++;
            }
            int start = i;
            while (i < n && Character.isDigit(template.charAt(i))) {
                i++;
            }
            if (i > start) {
                first = Integer.parseInt(template.substring(start, i));
            }
            if (i < n && template.charAt(i) == '.') {
                i++;
                start = i;
                while (i < n && Character.isDigit(template.charAt(i))) {
                    i++;
                }
                second = i > start ? Integer.parseInt(template.substring(start, i)) : 0;
            }
            StringBuilder modifiers = new StringBuilder();
            while (i < n && "LUETRXMH".indexOf(template.charAt(i)) >= 0) {
                modifiers.append(template.charAt(i));
                i++;
            }
            if (i >= n) {
                throw new IllegalArgumentException("template ends inside a variable: " + template);
            }
            String value;
            if (template.charAt(i) == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed %{ in template: " + template);
                }
                value = longVariable(template.substring(i + 1, close), request);
                i = close + 1;
            } else {
                value = shortVariable(template.charAt(i), request, template);
                i++;
            }
            value = substring(value, negative, first, second);
            for (int m = 0; m < modifiers.length(); m++) {
                value = modify(modifiers.charAt(m), value);
            }
            out.append(escape.apply(value));
        }
        return out.toString();
    }

    private static String substring(String value, boolean negative, Integer first, Integer second) {
        if (first == null && second == null) {
            return value;
        }
        int offset;
        int width;
        if (second != null) {
            offset = first == null ? 0 : first;
            width = second;
        } else {
            offset = 0;
            width = first;
        }
        if (negative) {
            offset = value.length() - offset;
        }
        offset = Math.max(0, Math.min(offset, value.length()));
        int end = width == 0 && second == null ? value.length() : Math.min(value.length(), offset + width);
        return value.substring(offset, Math.max(offset, end));
    }

    private static String modify(char modifier, String value) {
        return switch (modifier) {
            case 'L' -> value.toLowerCase(Locale.ROOT);
            case 'U' -> value.toUpperCase(Locale.ROOT);
            case 'E' -> value.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
            case 'T' -> value.strip();
            case 'R' -> new StringBuilder(value).reverse().toString();
            case 'X' -> {
                try {
                    yield Long.toHexString(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    yield value;
                }
            }
            case 'M' -> md5Hex(value);
            case 'H' -> Integer.toHexString(value.hashCode() & 0x7fffffff);
            default -> value;
        };
    }

    private static String shortVariable(char c, AuthRequest r, String template) {
        return switch (c) {
            case 'u' -> r.user();
            case 'n' -> r.username();
            case 'd' -> r.domain();
            case 's' -> r.client().service();
            case 'h' -> nonNull(r.userdbFields().get("home"));
            case 'l' -> r.client().localIpText();
            case 'r' -> r.client().remoteIpText();
            case 'a' -> Integer.toString(r.client().localPort());
            case 'b' -> Integer.toString(r.client().remotePort());
            case 'p' -> Long.toString(ProcessHandle.current().pid());
            case 'w' -> nonNull(r.password());
            case 'm' -> r.mechanism();
            case 'c' -> r.client().secured() ? "secured" : "";
            case 'k' -> nonNull(r.client().certSubject());
            case 'i' -> nonNull(r.userdbFields().get("uid"));
            default -> throw new IllegalArgumentException("unknown variable %" + c + " in template: " + template);
        };
    }

    private static String longVariable(String name, AuthRequest r) {
        int colon = name.indexOf(':');
        if (colon > 0) {
            String kind = name.substring(0, colon);
            String rest = name.substring(colon + 1);
            String fallback = "";
            int colon2 = rest.indexOf(':');
            if (colon2 >= 0) {
                fallback = rest.substring(colon2 + 1);
                rest = rest.substring(0, colon2);
            }
            String v = switch (kind) {
                case "passdb" -> r.passdbFields().get(rest);
                case "userdb" -> r.userdbFields().get(rest);
                case "env" -> System.getenv(rest);
                default -> throw new IllegalArgumentException("unknown variable %{" + name + "}");
            };
            return v == null ? fallback : v;
        }
        return switch (name) {
            case "user" -> r.user();
            case "username" -> r.username();
            case "domain" -> r.domain();
            case "service" -> r.client().service();
            case "home" -> nonNull(r.userdbFields().get("home"));
            case "uid" -> nonNull(r.userdbFields().get("uid"));
            case "gid" -> nonNull(r.userdbFields().get("gid"));
            case "lip", "local_ip" -> r.client().localIpText();
            case "rip", "remote_ip" -> r.client().remoteIpText();
            case "lport", "local_port" -> Integer.toString(r.client().localPort());
            case "rport", "remote_port" -> Integer.toString(r.client().remotePort());
            case "pid" -> Long.toString(ProcessHandle.current().pid());
            case "password" -> nonNull(r.password());
            case "mech", "mechanism" -> r.mechanism();
            case "secured" -> r.client().secured() ? "secured" : "";
            case "cert" -> nonNull(r.client().certSubject());
            case "session" -> nonNull(r.client().session());
            case "master_user" -> nonNull(r.masterUser());
            case "orig_user", "original_user" -> r.originalUser();
            case "orig_username", "original_username" -> before(r.originalUser());
            case "orig_domain", "original_domain" -> after(r.originalUser());
            case "login_user" -> r.masterUser() == null ? r.user() : r.masterUser();
            case "hostname" -> hostname();
            default -> throw new IllegalArgumentException("unknown variable %{" + name + "}");
        };
    }

    private static String before(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    private static String after(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? "" : user.substring(at + 1);
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String md5Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
