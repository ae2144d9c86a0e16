package org.loftmail.sieve.compile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Sieve extensions Loft implements, and the set a site enables. {@link #DEFAULT} is Pigeonhole 0.5's default
 * set in the order it advertises them (ManageSieve's SIEVE capability, {@code sieve_extensions} unset); the others
 * in {@link #SUPPORTED} are enabled with {@code sieve_extensions = +editheader} and the like.
 */
public final class SieveExtensions {

    public static final List<String> DEFAULT = List.of("fileinto", "reject", "envelope", "encoded-character",
            "vacation", "subaddress", "comparator-i;ascii-numeric", "relational", "regex", "imap4flags", "copy",
            "include", "variables", "body", "enotify", "environment", "mailbox", "date", "index", "ihave",
            "duplicate", "mime", "foreverypart", "extracttext");

    /** Every extension Loft implements: the defaults, then those a site must enable. */
    public static final List<String> SUPPORTED;

    /** Capabilities always available to {@code require} whatever the configuration (RFC 5228 section 2.7.3). */
    public static final Set<String> IMPLICIT = Set.of("comparator-i;octet", "comparator-i;ascii-casemap");

    static {
        List<String> all = new ArrayList<>(DEFAULT);
        all.addAll(List.of("ereject", "vacation-seconds", "editheader", "spamtest", "spamtestplus", "virustest"));
        SUPPORTED = List.copyOf(all);
    }

    private SieveExtensions() {}

    /** The default set, in advertising order. */
    public static Set<String> defaults() {
        return new LinkedHashSet<>(DEFAULT);
    }

    /**
     * Applies a {@code sieve_extensions} value to {@code base}: when every item starts with '+' or '-' the items
     * add to and remove from it; otherwise the value replaces it (Dovecot's rule). Throws with the first unknown
     * name.
     */
    public static Set<String> apply(Set<String> base, String setting) {
        String[] items = setting.trim().isEmpty() ? new String[0] : setting.trim().split("\\s+");
        boolean relative = items.length > 0;
        for (String item : items) {
            if (!item.startsWith("+") && !item.startsWith("-")) {
                relative = false;
            }
        }
        Set<String> out = relative ? new LinkedHashSet<>(base) : new LinkedHashSet<>();
        for (String item : items) {
            boolean remove = item.startsWith("-");
            String name = item.startsWith("+") || item.startsWith("-") ? item.substring(1) : item;
            if (!SUPPORTED.contains(name) && !IMPLICIT.contains(name)) {
                throw new IllegalArgumentException("unknown Sieve extension '" + name + "'");
            }
            if (IMPLICIT.contains(name)) continue;
            if (remove) out.remove(name);
            else out.add(name);
        }
        // keep the advertised order stable
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : SUPPORTED) {
            if (out.contains(name)) ordered.add(name);
        }
        return ordered;
    }
}
