package org.loftmail.maildir;

import java.util.OptionalLong;

/**
 * A Maildir file name: {@code <base>[:2,<flag letters>]} where the base is unique
 * ({@code 1795407620.M327015P14800.vm,S=167,W=175}) and may carry {@code ,S=} physical and {@code ,W=} virtual
 * sizes. Flag letters are kept in ASCII order: uppercase are system flags (and letters we do not know, kept
 * untouched), lowercase {@code a}-{@code z} are keyword indexes from dovecot-keywords.
 */
public record MaildirFilename(String base, String flagLetters) {

    public MaildirFilename {
        if (base.isEmpty() || base.indexOf('/') >= 0 || base.indexOf(':') >= 0 || base.startsWith(".")) {
            throw new IllegalArgumentException("not a Maildir base name");
        }
        flagLetters = sortedUnique(flagLetters);
    }

    /** Parses a directory entry; a name without {@code :2,} has no flags. Returns null for non-message names. */
    public static MaildirFilename parse(String fileName) {
        if (fileName.isEmpty() || fileName.startsWith(".")) return null;
        int colon = fileName.indexOf(':');
        String base = colon < 0 ? fileName : fileName.substring(0, colon);
        String letters = "";
        if (colon >= 0) {
            String info = fileName.substring(colon + 1);
            if (info.startsWith("2,")) letters = info.substring(2);
        }
        if (base.isEmpty()) return null;
        return new MaildirFilename(base, letters);
    }

    public String fileName() {
        return base + ":2," + flagLetters;
    }

    /** The name used in new/ for a message without flags (no info part), as Dovecot writes it. */
    public String newFileName() {
        return flagLetters.isEmpty() ? base : fileName();
    }

    public MaildirFilename withFlags(String letters) {
        return new MaildirFilename(base, letters);
    }

    public OptionalLong physicalSize() {
        return field(",S=");
    }

    public OptionalLong virtualSize() {
        return field(",W=");
    }

    private OptionalLong field(String key) {
        int i = base.indexOf(key);
        if (i < 0) return OptionalLong.empty();
        int start = i + key.length();
        int end = start;
        while (end < base.length() && Character.isDigit(base.charAt(end))) end++;
        if (end == start || end - start > 18) return OptionalLong.empty();
        return OptionalLong.of(Long.parseLong(base.substring(start, end)));
    }

    static String sortedUnique(String letters) {
        boolean[] seen = new boolean[128];
        StringBuilder other = new StringBuilder();
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c < 128) seen[c] = true;
            else if (other.indexOf(String.valueOf(c)) < 0) other.append(c);
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 128; c++) if (seen[c]) sb.append((char) c);
        return sb.append(other).toString();
    }
}
