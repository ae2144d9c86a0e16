package org.loftmail.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The conditions of a filter block and of the blocks around it: {@code protocol imap pop3},
 * {@code protocol !lmtp}, {@code local 10.0.0.0/8}, {@code remote 192.0.2.1}, {@code local_name
 * mail.example.com}. Every condition present must match. Several words in one filter match any of them.
 */
public record Filter(Set<String> protocols, boolean protocolNegated, List<IpNet> local, List<IpNet> remote,
        Set<String> localNames) {

    public static final Filter ALL = new Filter(Set.of(), false, List.of(), List.of(), Set.of());

    /**
     * Orders filters from least to most specific, as Dovecot does: local (and local_name) before
     * remote before protocol; see docs/adr/0102-filter-precedence.md. Settings are applied in this order,
     * so the most specific wins.
     */
    public static final Comparator<Filter> SPECIFICITY = Comparator
            .comparingInt((Filter f) -> f.localNames.isEmpty() ? 0 : 1)
            .thenComparingInt(f -> maxBits(f.local))
            .thenComparingInt(f -> maxBits(f.remote))
            .thenComparingInt(f -> f.protocols.isEmpty() ? 0 : 1);

    public Filter {
        protocols = Set.copyOf(protocols);
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        localNames = Set.copyOf(localNames);
    }

    /** Parses a filter header's arguments and combines them with the enclosing filter. */
    static Filter parse(String type, String args, Filter outer) {
        List<String> words = SettingType.parseList(args);
        if (words.isEmpty()) {
            throw new IllegalArgumentException(type + " filter needs an argument");
        }
        switch (type) {
            case "protocol" -> {
                if (!outer.protocols.isEmpty()) {
                    throw new IllegalArgumentException("protocol filter inside another protocol filter");
                }
                boolean negated = words.get(0).startsWith("!");
                Set<String> names = new java.util.HashSet<>();
                for (String w : words) {
                    if (w.startsWith("!") != negated) {
                        throw new IllegalArgumentException("Cannot mix negated and plain protocols in one filter");
                    }
                    String name = (negated ? w.substring(1) : w).toLowerCase(Locale.ROOT);
                    if (!SettingDefinitions.FILTER_PROTOCOLS.contains(name)) {
                        throw new IllegalArgumentException("Unknown protocol in filter: " + name);
                    }
                    names.add(name);
                }
                return new Filter(names, negated, outer.local, outer.remote, outer.localNames);
            }
            case "local", "remote" -> {
                if (!(type.equals("local") ? outer.local : outer.remote).isEmpty()) {
                    throw new IllegalArgumentException(type + " filter inside another " + type + " filter");
                }
                List<IpNet> nets = new ArrayList<>();
                for (String w : words) {
                    nets.add(IpNet.parse(w));
                }
                return type.equals("local")
                        ? new Filter(outer.protocols, outer.protocolNegated, nets, outer.remote, outer.localNames)
                        : new Filter(outer.protocols, outer.protocolNegated, outer.local, nets, outer.localNames);
            }
            case "local_name" -> {
                if (!outer.localNames.isEmpty()) {
                    throw new IllegalArgumentException("local_name filter inside another local_name filter");
                }
                Set<String> names = new java.util.HashSet<>();
                words.forEach(w -> names.add(w.toLowerCase(Locale.ROOT)));
                return new Filter(outer.protocols, outer.protocolNegated, outer.local, outer.remote, names);
            }
            default -> throw new IllegalArgumentException("not a filter: " + type);
        }
    }

    public boolean matches(FilterContext ctx) {
        if (!protocols.isEmpty()) {
            boolean in = ctx.protocol() != null && protocols.contains(ctx.protocol().toLowerCase(Locale.ROOT));
            if (ctx.protocol() == null || in == protocolNegated) {
                return false;
            }
        }
        if (!local.isEmpty() && local.stream().noneMatch(n -> n.contains(ctx.local()))) {
            return false;
        }
        if (!remote.isEmpty() && remote.stream().noneMatch(n -> n.contains(ctx.remote()))) {
            return false;
        }
        if (!localNames.isEmpty()) {
            return ctx.localName() != null && localNames.stream().anyMatch(m -> nameMatches(ctx.localName(), m));
        }
        return true;
    }

    /**
     * A local_name mask matches case-insensitively; a {@code *} label matches any one label (so
     * {@code *.example.org} matches {@code mail.example.org} but neither {@code example.org} nor
     * {@code a.b.example.org}). The TLS layer picks per-name certificates by the same rule.
     */
    public static boolean nameMatches(String name, String mask) {
        String[] n = name.toLowerCase(Locale.ROOT).split("\\.", -1);
        String[] m = mask.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (n.length != m.length) {
            return false;
        }
        for (int i = 0; i < n.length; i++) {
            if (!m[i].equals("*") && !m[i].equals(n[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether some connection could match both filters (conservative: true when unsure). */
    boolean mayOverlap(Filter o) {
        if (!protocols.isEmpty() && !o.protocols.isEmpty()) {
            if (!protocolNegated && !o.protocolNegated && java.util.Collections.disjoint(protocols, o.protocols)) {
                return false;
            }
            if (protocolNegated != o.protocolNegated) {
                Set<String> plain = protocolNegated ? o.protocols : protocols;
                Set<String> negated = protocolNegated ? protocols : o.protocols;
                if (negated.containsAll(plain)) {
                    return false;
                }
            }
        }
        return netsOverlap(local, o.local) && netsOverlap(remote, o.remote) && namesOverlap(localNames, o.localNames);
    }

    /**
     * Dovecot's rule for two matching filters where {@code this} ranks below {@code more}: if this one is
     * not a superset of the more specific one, a setting both change is a conflict.
     */
    boolean isSupersetOf(Filter more) {
        return maxBits(local) <= maxBits(more.local) && maxBits(remote) <= maxBits(more.remote)
                && (localNames.isEmpty() || !more.localNames.isEmpty())
                && (protocols.isEmpty() || !more.protocols.isEmpty());
    }

    private static boolean netsOverlap(List<IpNet> a, List<IpNet> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        for (IpNet x : a) {
            for (IpNet y : b) {
                if (x.contains(y.address()) || y.contains(x.address())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean namesOverlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        for (String x : a) {
            for (String y : b) {
                if (nameMatches(x, y) || nameMatches(y, x)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int maxBits(List<IpNet> nets) {
        return nets.stream().mapToInt(IpNet::bits).max().orElse(-1);
    }
}
