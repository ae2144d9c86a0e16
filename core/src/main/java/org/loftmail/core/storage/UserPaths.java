package org.loftmail.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the paths made for one user (mail location, home, later the Sieve script path) after {@code %} expansion.
 * A user name is client input: with {@code /var/vmail/%d/%n/Maildir}, {@code ..@..} would name a directory two
 * levels above the mail root and {@code @example.com} the domain's directory that holds everyone's mail (issue 20).
 * No component may be {@code .}, {@code ..} or empty; a trailing slash is allowed.
 */
public final class UserPaths {

    private UserPaths() {}

    /** What is wrong with {@code path}, or empty when every component is a real name. */
    public static Optional<String> problem(String path) {
        if (path.isEmpty()) return Optional.empty();
        String[] parts = path.split("/", -1);
        int first = path.startsWith("/") ? 1 : 0;
        int last = path.endsWith("/") ? parts.length - 2 : parts.length - 1;
        for (int i = first; i <= last; i++) {
            String p = parts[i];
            if (p.isEmpty()) return Optional.of("empty path component in " + path + " is not allowed");
            if (p.equals(".") || p.equals("..")) {
                return Optional.of("path component '" + p + "' in " + path + " is not allowed");
            }
        }
        return Optional.empty();
    }

    /**
     * The first problem in any path of a mail location ({@code [driver:]path[:KEY=VALUE…]}, with {@code ::} a
     * literal colon as in Dovecot): the main path and every option's value are checked.
     */
    public static Optional<String> locationProblem(String location) {
        List<String> parts = splitLocation(location);
        int start = parts.size() > 1 && isDriverName(parts.get(0)) ? 1 : 0;
        for (int i = start; i < parts.size(); i++) {
            String part = parts.get(i);
            int eq = i > start ? part.indexOf('=') : -1;
            Optional<String> problem = problem(eq >= 0 ? part.substring(eq + 1) : part);
            if (problem.isPresent()) return problem;
        }
        return Optional.empty();
    }

    private static boolean isDriverName(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    private static List<String> splitLocation(String location) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c == ':' && i + 1 < location.length() && location.charAt(i + 1) == ':') {
                cur.append(':');
                i++;
            } else if (c == ':') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
