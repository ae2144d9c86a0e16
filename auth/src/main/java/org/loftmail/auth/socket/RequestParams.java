package org.loftmail.auth.socket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code name=value} and bare-flag parameters of an auth protocol request, unescaped. */
record RequestParams(Map<String, String> values) {

    static RequestParams parse(List<String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                out.put(f, "");
            } else {
                out.putIfAbsent(f.substring(0, eq), TabEscape.unescape(f.substring(eq + 1)));
            }
        }
        return new RequestParams(out);
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int port(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty() || v.length() > 5 || !v.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int p = Integer.parseInt(v);
        return p <= 65535 ? p : 0;
    }
}
