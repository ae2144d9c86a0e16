package org.loftmail.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A mailbox name as a path of hierarchy levels in Unicode ({@code ["Work", "Projects"]}), independent of the
 * namespace separator and of how a backend stores it on disk. The first level {@code INBOX} is
 * case-insensitive and kept as {@code INBOX}. Validation here is what every backend needs: no empty levels,
 * no {@code .} or {@code ..}, no control characters, no {@code /} inside a level, sane lengths.
 */
public record MailboxName(List<String> path) {

    public static final int MAX_LEVEL_LENGTH = 255;
    public static final int MAX_TOTAL_LENGTH = 1000;
    public static final int MAX_DEPTH = 32;
    public static final MailboxName INBOX = new MailboxName(List.of("INBOX"));

    public MailboxName {
        if (path == null || path.isEmpty()) throw new InvalidMailboxNameException("empty mailbox name");
        if (path.size() > MAX_DEPTH) throw new InvalidMailboxNameException("mailbox name has too many levels");
        List<String> p = new ArrayList<>(path.size());
        int total = 0;
        for (String level : path) {
            checkLevel(level);
            total += level.length() + 1;
            p.add(p.isEmpty() && level.equalsIgnoreCase("INBOX") ? "INBOX" : level);
        }
        if (total > MAX_TOTAL_LENGTH) throw new InvalidMailboxNameException("mailbox name too long");
        path = List.copyOf(p);
    }

    private static void checkLevel(String level) {
        if (level == null || level.isEmpty()) throw new InvalidMailboxNameException("empty hierarchy level in mailbox name");
        if (level.length() > MAX_LEVEL_LENGTH) throw new InvalidMailboxNameException("mailbox name level too long");
        if (level.equals(".") || level.equals("..")) throw new InvalidMailboxNameException("'.' and '..' are not mailbox names");
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new InvalidMailboxNameException("control character in mailbox name");
            }
            if (c == '/') throw new InvalidMailboxNameException("'/' inside a mailbox name level");
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < level.length() && Character.isLowSurrogate(level.charAt(i + 1));
                if (!pair) throw new InvalidMailboxNameException("broken UTF-16 in mailbox name");
                i++;
            }
        }
    }

    /** Splits {@code text} at {@code separator}; a name ending in the separator is accepted as its parent. */
    public static MailboxName parse(String text, char separator) {
        if (text == null || text.isEmpty()) throw new InvalidMailboxNameException("empty mailbox name");
        String t = text;
        if (t.length() > 1 && t.charAt(t.length() - 1) == separator) t = t.substring(0, t.length() - 1);
        List<String> levels = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || t.charAt(i) == separator) {
                levels.add(t.substring(start, i));
                start = i + 1;
            }
        }
        return new MailboxName(levels);
    }

    public static MailboxName of(String... levels) {
        return new MailboxName(List.of(levels));
    }

    public boolean isInbox() {
        return path.size() == 1 && path.get(0).equals("INBOX");
    }

    public String leaf() {
        return path.get(path.size() - 1);
    }

    public int depth() {
        return path.size();
    }

    public MailboxName parent() {
        if (path.size() == 1) throw new IllegalStateException("top-level mailbox has no parent");
        return new MailboxName(path.subList(0, path.size() - 1));
    }

    public MailboxName child(String level) {
        List<String> p = new ArrayList<>(path);
        p.add(level);
        return new MailboxName(p);
    }

    /** True when this is {@code other} or below it. */
    public boolean isSelfOrDescendantOf(MailboxName other) {
        return path.size() >= other.path.size() && path.subList(0, other.path.size()).equals(other.path);
    }

    /** Replaces the leading {@code from} levels with {@code to} (for RENAME of a hierarchy). */
    public MailboxName reparent(MailboxName from, MailboxName to) {
        if (!isSelfOrDescendantOf(from)) throw new IllegalArgumentException(this + " is not below " + from);
        List<String> p = new ArrayList<>(to.path);
        p.addAll(path.subList(from.path.size(), path.size()));
        return new MailboxName(p);
    }

    public String toString(char separator) {
        return String.join(String.valueOf(separator), path);
    }

    /** The name with {@code /} as separator, for logs and messages. */
    @Override
    public String toString() {
        return toString('/');
    }

    /** Case-insensitive check used for INBOX only; other names are case-sensitive as in Dovecot. */
    public static boolean isInboxName(String s) {
        return s.toUpperCase(Locale.ROOT).equals("INBOX");
    }
}
