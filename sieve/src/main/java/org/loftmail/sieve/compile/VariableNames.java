package org.loftmail.sieve.compile;

/** RFC 5229 section 3: variable names ({@code identifier}, optionally {@code namespace.}-qualified) and match numbers. */
public final class VariableNames {

    /** Pigeonhole's sieve_variables_max_variable_name_len default. */
    public static final int MAX_NAME_LENGTH = 64;

    private VariableNames() {}

    public static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) return false;
        for (String part : name.split("\\.", -1)) {
            if (!identifier(part)) return false;
        }
        return true;
    }

    static boolean identifier(String s) {
        if (s.isEmpty()) return false;
        char c = s.charAt(0);
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        for (int i = 1; i < s.length(); i++) {
            c = s.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
