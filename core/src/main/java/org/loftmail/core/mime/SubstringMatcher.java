package org.loftmail.core.mime;

import java.io.IOException;
import java.io.Reader;
import java.text.Normalizer;

/**
 * Case-insensitive substring search over a stream of text in bounded memory (the needle plus a small buffer),
 * for IMAP SEARCH. Comparison is done on folded text as Dovecot's i;unicode-casemap does it (checked against its
 * SEARCH answers): each character is decomposed canonically (NFD, combining marks kept) and title-cased, so
 * "CAFÉ" finds "café" and "cafe" finds "café" (a prefix of "CAFE" + U+0301) but "naive" does not find "naïve",
 * and the compatibility ligature "ﬁ" stays itself. Knuth-Morris-Pratt, so text is read once.
 */
public final class SubstringMatcher {
    private final int[] needle;
    private final int[] failure;
    private int matched;
    private boolean found;
    private char highSurrogate;

    public SubstringMatcher(String needleText) {
        this.needle = fold(needleText);
        this.failure = new int[needle.length];
        for (int i = 1, k = 0; i < needle.length; i++) {
            while (k > 0 && needle[i] != needle[k]) {
                k = failure[k - 1];
            }
            if (needle[i] == needle[k]) {
                k++;
            }
            failure[i] = k;
        }
        found = needle.length == 0;
    }

    public static boolean contains(String haystack, String needle) {
        SubstringMatcher m = new SubstringMatcher(needle);
        m.feed(haystack);
        return m.found();
    }

    /** Starts over for another text (same needle). */
    public void reset() {
        matched = 0;
        highSurrogate = 0;
        found = needle.length == 0;
    }

    public boolean found() {
        return found;
    }

    /** Feeds more text; returns whether the needle has been seen so far. */
    public boolean feed(CharSequence text) {
        for (int i = 0; i < text.length() && !found; i++) {
            feedChar(text.charAt(i));
        }
        return found;
    }

    public boolean feed(char[] buf, int off, int len) {
        for (int i = off; i < off + len && !found; i++) {
            feedChar(buf[i]);
        }
        return found;
    }

    /** Reads the text to its end or until the needle is found (then stops reading). */
    public boolean feed(Reader reader) throws IOException {
        char[] buf = new char[4096];
        int n;
        while (!found && (n = reader.read(buf)) > 0) {
            feed(buf, 0, n);
        }
        return found;
    }

    private void feedChar(char c) {
        if (Character.isHighSurrogate(c)) {
            highSurrogate = c;
            return;
        }
        int cp = c;
        if (highSurrogate != 0) {
            cp = Character.isLowSurrogate(c) ? Character.toCodePoint(highSurrogate, c) : c;
            highSurrogate = 0;
        }
        if (cp < 0x80) {
            step(cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
            return;
        }
        for (int f : foldCodePoint(cp)) {
            step(f);
            if (found) {
                return;
            }
        }
    }

    private void step(int c) {
        int k = matched;
        while (k > 0 && needle[k] != c) {
            k = failure[k - 1];
        }
        if (needle[k] == c) {
            k++;
        }
        if (k == needle.length) {
            found = true;
            k = 0;
        }
        matched = k;
    }

    static int[] fold(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                sb.appendCodePoint(cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
            } else {
                for (int f : foldCodePoint(cp)) {
                    sb.appendCodePoint(f);
                }
            }
        });
        return sb.codePoints().toArray();
    }

    private static final int[][] BMP_FOLDS = new int[0x10000][];

    private static int[] foldCodePoint(int cp) {
        if (cp < 0x10000) {
            int[] cached = BMP_FOLDS[cp];
            if (cached == null) {
                cached = computeFold(cp);
                BMP_FOLDS[cp] = cached;
            }
            return cached;
        }
        return computeFold(cp);
    }

    private static int[] computeFold(int cp) {
        String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        return d.codePoints().map(Character::toTitleCase).toArray();
    }
}
