package org.loftmail.transport;

/**
 * Tells the frame decoder after which lines to stop framing until the session has handled them: lines after which
 * the framing itself may change (an IMAP literal announcement, STARTTLS, BDAT). Called on the event loop, so it
 * must be cheap and must not read session state. A false positive costs one thread hop, nothing else: when the
 * session neither asks for raw data nor starts TLS, line framing resumes by itself.
 */
@FunctionalInterface
public interface LinePauser {

    LinePauser NEVER = line -> false;

    boolean pauseAfter(byte[] line);

    /** Pauses after lines ending with '}' (IMAP literals) or starting with one of the given words. */
    static LinePauser literalsAnd(String... words) {
        return line -> {
            int n = line.length;
            if (n > 0 && line[n - 1] == '}') {
                return true;
            }
            return startsWithWord(line, words);
        };
    }

    /** Pauses after lines whose first or second word (IMAP has a tag first) is one of {@code words}. */
    static boolean startsWithWord(byte[] line, String... words) {
        for (String word : words) {
            if (containsWordAt(line, 0, word)) {
                return true;
            }
        }
        int space = indexOf(line, (byte) ' ');
        if (space < 0) {
            return false;
        }
        for (String word : words) {
            if (containsWordAt(line, space + 1, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsWordAt(byte[] line, int at, String word) {
        int n = word.length();
        if (line.length < at + n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (line[at + i] & 0xff)) != word.charAt(i)) {
                return false;
            }
        }
        return line.length == at + n || line[at + n] == ' ';
    }

    private static int indexOf(byte[] line, byte b) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
