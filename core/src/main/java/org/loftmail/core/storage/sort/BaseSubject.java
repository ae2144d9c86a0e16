package org.loftmail.core.storage.sort;

import org.loftmail.core.mime.EncodedWords;

/**
 * The base subject of RFC 5256 section 2.1, used by SORT SUBJECT and THREAD: encoded words decoded, white space
 * folded, then "Re:", "Fwd:", "Fw:", "[list]" blobs, trailing "(fwd)" and "[fwd: …]" wrappers removed until
 * nothing changes. {@link #of} returns it upper-cased for comparison (i;ascii-casemap extended to Unicode, as
 * Dovecot compares titlecased text).
 */
public final class BaseSubject {

    private BaseSubject() {}

    /** The comparison key of a raw Subject value ({@code null} or absent: the empty string). */
    public static String of(String rawSubject) {
        if (rawSubject == null) return "";
        return SortKey.comparable(extract(EncodedWords.decode(rawSubject)));
    }

    /**
     * True when extracting the base subject removed a reply or forward marker ("Re:", "Fwd:", "(fwd)", "[fwd: …]"):
     * THREAD REFERENCES gathers such a thread under the original (RFC 5256 section 3, step 5).
     */
    public static boolean isReplyOrForward(String rawSubject) {
        if (rawSubject == null) return false;
        boolean[] marked = new boolean[1];
        extract(EncodedWords.decode(rawSubject), marked);
        return marked[0];
    }

    /** Steps 1 to 6 on already decoded text. */
    static String extract(String decoded) {
        return extract(decoded, new boolean[1]);
    }

    private static String extract(String decoded, boolean[] marked) {
        String s = foldWhitespace(decoded);
        while (true) {
            String untrailed = removeTrailers(s); // (2)
            if (!untrailed.equals(s.strip())) marked[0] = true;
            s = untrailed;
            String before;
            do { // (3), (4), (5)
                before = s;
                String unled = removeLeaders(s);
                if (!unled.equals(s.stripLeading())) marked[0] = true;
                s = unled;
                String noBlob = removeBlob(s);
                if (noBlob != null && !noBlob.isEmpty()) s = noBlob;
            } while (!s.equals(before));
            // (6) "[fwd: …]" wrapper
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                marked[0] = true;
                s = s.substring(5, s.length() - 1);
                continue;
            }
            return s;
        }
    }

    private static String foldWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                continue;
            }
            if (space && !b.isEmpty()) b.append(' ');
            space = false;
            b.append(c);
        }
        return b.toString();
    }

    /** Removes trailing "(fwd)" and white space, repeatedly. */
    private static String removeTrailers(String s) {
        while (true) {
            String t = s.strip();
            if (t.length() >= 5 && t.regionMatches(true, t.length() - 5, "(fwd)", 0, 5)) {
                s = t.substring(0, t.length() - 5);
                continue;
            }
            return t;
        }
    }

    /** Removes subj-leader: white space, or blobs followed by "re"/"fw"/"fwd", optional blob and ":". */
    private static String removeLeaders(String s) {
        while (true) {
            String t = s.stripLeading();
            int i = 0;
            while (true) { // *subj-blob
                int end = blobEnd(t, i);
                if (end < 0) break;
                i = end;
            }
            int after = refwd(t, i);
            if (after < 0) return t;
            s = t.substring(after);
        }
    }

    /** Where "re"/"fw"/"fwd" *WSP [blob] ":" starting at {@code i} ends, or -1. */
    private static int refwd(String s, int i) {
        int j;
        if (s.regionMatches(true, i, "fwd", 0, 3)) j = i + 3;
        else if (s.regionMatches(true, i, "fw", 0, 2) || s.regionMatches(true, i, "re", 0, 2)) j = i + 2;
        else return -1;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
        int blob = blobEnd(s, j);
        if (blob >= 0) j = blob;
        return j < s.length() && s.charAt(j) == ':' ? j + 1 : -1;
    }

    /** Where a "[" *BLOBCHAR "]" *WSP at {@code i} ends, or -1. */
    private static int blobEnd(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '[') return -1;
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != ']') {
            if (s.charAt(j) == '[') return -1;
            j++;
        }
        if (j >= s.length()) return -1;
        j++;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
        return j;
    }

    /** The text after one leading blob, or null when it does not start with one. */
    private static String removeBlob(String s) {
        int end = blobEnd(s, 0);
        return end < 0 ? null : s.substring(end);
    }
}
