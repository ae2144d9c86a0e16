package org.loftmail.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dovecot's space-separated {@code key=value} field lists (passwd-file extra fields, static
 * args, default_fields, override_fields). A bare key means "yes" (e.g. {@code nopassword}).
 */
public final class Fields {
    private Fields() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("field without a name: '" + token + "'");
            }
            if (eq < 0) {
                out.put(token, "");
            } else {
                out.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return out;
    }

    /** Expands the templates in every value of the field list for this request. */
    public static Map<String, String> expand(Map<String, String> fields, AuthRequest request) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, AuthTemplates.expand(v, request, s -> s)));
        return Collections.unmodifiableMap(out);
    }

    /** True when the field is present and not "no"/"0"/"false" (bare keys count as yes). */
    public static boolean isTrue(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            return false;
        }
        return !(v.equalsIgnoreCase("no") || v.equals("0") || v.equalsIgnoreCase("false"));
    }
}
