package org.loftmail.lmtp.codec;

/** RFC 5321 section 4.5.2: the lone "." ends DATA; a leading dot of any other line was added by the sender. */
public final class DotUnstuffing {

    private DotUnstuffing() {}

    public static boolean isEnd(byte[] line) {
        return line.length == 1 && line[0] == '.';
    }

    /** How many leading bytes of a data line to drop (1 when it starts with a stuffed dot). */
    public static int skip(byte[] line) {
        return line.length > 0 && line[0] == '.' ? 1 : 0;
    }
}
