package org.loftmail.maildir;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;

/** Maps Maildir info letters to flags and back, keywords through dovecot-keywords. */
final class FlagLetters {

    private FlagLetters() {}

    static char letter(SystemFlag f) {
        return switch (f) {
            case DRAFT -> 'D';
            case FLAGGED -> 'F';
            case ANSWERED -> 'R';
            case SEEN -> 'S';
            case DELETED -> 'T';
        };
    }

    static SystemFlag flag(char c) {
        return switch (c) {
            case 'D' -> SystemFlag.DRAFT;
            case 'F' -> SystemFlag.FLAGGED;
            case 'R' -> SystemFlag.ANSWERED;
            case 'S' -> SystemFlag.SEEN;
            case 'T' -> SystemFlag.DELETED;
            default -> null;
        };
    }

    /** Flags from letters; letters without meaning (unknown uppercase, unnamed keyword slots) go to {@code other}. */
    static Flags parse(String letters, KeywordsFile keywords, StringBuilder other) {
        Set<SystemFlag> sys = EnumSet.noneOf(SystemFlag.class);
        Set<String> kws = new TreeSet<>();
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            SystemFlag f = flag(c);
            if (f != null) {
                sys.add(f);
            } else if (c >= 'a' && c <= 'z' && keywords.name(c - 'a') != null) {
                try {
                    kws.add(Flags.validKeyword(keywords.name(c - 'a')));
                } catch (IllegalArgumentException e) {
                    other.append(c);
                }
            } else {
                other.append(c);
            }
        }
        return new Flags(sys, kws);
    }

    /** Letters for flags; every keyword must already have an index. */
    static String format(Flags flags, KeywordsFile keywords, String other) {
        StringBuilder sb = new StringBuilder(other);
        for (SystemFlag f : flags.system()) sb.append(letter(f));
        for (String k : flags.keywords()) {
            int idx = keywords.indexOf(k);
            if (idx < 0) throw new IllegalStateException("keyword without index: " + k);
            sb.append((char) ('a' + idx));
        }
        return MaildirFilename.sortedUnique(sb.toString());
    }
}
