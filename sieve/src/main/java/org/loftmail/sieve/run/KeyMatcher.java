package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.loftmail.sieve.compile.Match;
import org.loftmail.sieve.compile.RegexKeys;

/**
 * Compares values with keys under a match type and comparator (RFC 5228 section 2.7, RFC 5231 for :count and
 * :value, regex bounded per {@link RegexKeys}); on success sets the match variables (RFC 5229 section 3.2).
 */
final class KeyMatcher {

    /** Compiled regex keys, shared by every run (keys are script text; a bounded cache). */
    private static final Map<String, Pattern> REGEX = new ConcurrentHashMap<>();

    private KeyMatcher() {}

    static boolean matches(Match m, List<String> values, List<String> keys, Variables vars, boolean captureWanted) {
        switch (m.type()) {
            case COUNT -> {
                String count = String.valueOf(values.size());
                for (String key : keys) {
                    if (Comparators.relation(m.relation(), Comparators.compare("i;ascii-numeric", count, key))) {
                        return true;
                    }
                }
                return false;
            }
            case VALUE -> {
                for (String v : values) {
                    for (String key : keys) {
                        if (Comparators.relation(m.relation(), Comparators.compare(m.comparator(), v, key))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> {
                for (String v : values) {
                    for (String key : keys) {
                        if (one(m, v, key, vars, captureWanted)) return true;
                    }
                }
                return false;
            }
        }
    }

    private static boolean one(Match m, String value, String key, Variables vars, boolean capture) {
        switch (m.type()) {
            case IS -> {
                return Comparators.equal(m.comparator(), value, key);
            }
            case CONTAINS -> {
                return Comparators.contains(m.comparator(), value, key);
            }
            case MATCHES -> {
                List<String> groups = WildcardCapture.match(key, value, m.comparator());
                if (groups == null) return false;
                if (capture) vars.matched(groups);
                return true;
            }
            case REGEX -> {
                Pattern p = regex(key, m.comparator());
                java.util.regex.Matcher found;
                try {
                    found = RegexKeys.find(p, value);
                } catch (RegexKeys.TooCostlyException e) {
                    throw new SieveRuntimeException(e.getMessage());
                }
                if (found == null) return false;
                if (capture) {
                    List<String> groups = new ArrayList<>();
                    for (int g = 0; g <= Math.min(Variables.MAX_MATCH_VALUES - 1, found.groupCount()); g++) {
                        String s = found.group(g);
                        groups.add(s == null ? "" : s);
                    }
                    vars.matched(groups);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static Pattern regex(String key, String comparator) {
        String cacheKey = comparator + "\0" + key;
        Pattern p = REGEX.get(cacheKey);
        if (p == null) {
            try {
                p = RegexKeys.compile(key, comparator);
            } catch (IllegalArgumentException e) {
                throw new SieveRuntimeException("invalid regular expression '" + key + "' for regex match: "
                        + RegexKeys.reason(e));
            }
            if (REGEX.size() > 10_000) REGEX.clear();
            REGEX.put(cacheKey, p);
        }
        return p;
    }
}
