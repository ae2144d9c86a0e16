package org.loftmail.core.mail;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stored flags of a message: system flags and keywords. Immutable. Keywords are IMAP atoms
 * ({@code $Junk}, {@code NonJunk}); they are kept as given, compared case-sensitively like Dovecot does.
 */
public record Flags(Set<SystemFlag> system, Set<String> keywords) {

    public static final Flags NONE = new Flags(Set.of(), Set.of());

    public Flags {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        system = Collections.unmodifiableSet(s);
        TreeSet<String> k = new TreeSet<>();
        for (String kw : keywords) {
            k.add(validKeyword(kw));
        }
        keywords = Collections.unmodifiableSet(k);
    }

    public static Flags of(SystemFlag... flags) {
        return new Flags(Set.of(flags), Set.of());
    }

    public static Flags of(Collection<SystemFlag> flags, Collection<String> keywords) {
        return new Flags(Set.copyOf(flags), Set.copyOf(keywords));
    }

    public boolean contains(SystemFlag flag) {
        return system.contains(flag);
    }

    public boolean containsKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }

    public Flags plus(Flags other) {
        EnumSet<SystemFlag> s = copy(system);
        s.addAll(other.system);
        TreeSet<String> k = new TreeSet<>(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    public Flags minus(Flags other) {
        EnumSet<SystemFlag> s = copy(system);
        s.removeAll(other.system);
        TreeSet<String> k = new TreeSet<>(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }

    public Flags with(SystemFlag flag) {
        EnumSet<SystemFlag> s = copy(system);
        s.add(flag);
        return new Flags(s, keywords);
    }

    public Flags without(SystemFlag flag) {
        EnumSet<SystemFlag> s = copy(system);
        s.remove(flag);
        return new Flags(s, keywords);
    }

    /** Applies a STORE-style change. */
    public Flags apply(FlagChange change, Flags operand) {
        return switch (change) {
            case ADD -> plus(operand);
            case REMOVE -> minus(operand);
            case REPLACE -> operand;
        };
    }

    private static EnumSet<SystemFlag> copy(Set<SystemFlag> s) {
        return s.isEmpty() ? EnumSet.noneOf(SystemFlag.class) : EnumSet.copyOf(s);
    }

    /** A keyword is an IMAP atom without wildcards or a backslash, at most 255 characters. */
    public static String validKeyword(String kw) {
        if (kw == null || kw.isEmpty() || kw.length() > 255) {
            throw new IllegalArgumentException("bad keyword length");
        }
        for (int i = 0; i < kw.length(); i++) {
            char c = kw.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("bad character in keyword: " + kw.replaceAll("[^\\x21-\\x7e]", "?"));
            }
        }
        return kw;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (SystemFlag f : system) {
            if (sb.length() > 1) sb.append(' ');
            sb.append(f.imapName());
        }
        for (String k : keywords) {
            if (sb.length() > 1) sb.append(' ');
            sb.append(k);
        }
        return sb.append(')').toString();
    }
}
