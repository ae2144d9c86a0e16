package org.loftmail.transport.literal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The literal announcement that ends a line: {@code {n}} (synchronising: the server asks for the data first),
 * {@code {n+}} (LITERAL+, RFC 7888, and ManageSieve's client literals: the data follows at once) or {@code ~{n}}
 * (RFC 3516 literal8, binary; a protocol without it refuses it). {@code start} is where the announcement begins
 * in the line.
 */
public record LiteralAnnouncement(long size, boolean nonSynchronizing, boolean binary, int start) {

    /** Longer digit strings are refused outright; 18 digits still fit a long and no limit reaches them. */
    private static final int MAX_DIGITS = 18;

    public LiteralAnnouncement {
        if (size < 0 || start < 0) {
            throw new IllegalArgumentException("negative literal size or position");
        }
    }

    /**
     * The announcement at the end of {@code line}, if the line ends with one.
     *
     * @throws WireSyntaxException when the size has too many digits to be any literal
     */
    public static Optional<LiteralAnnouncement> at(byte[] line) {
        int n = line.length;
        if (n < 3 || line[n - 1] != '}') {
            return Optional.empty();
        }
        int end = n - 1;
        boolean plus = false;
        if (line[end - 1] == '+') {
            plus = true;
            end--;
        }
        int i = end - 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        int digits = end - 1 - i;
        if (digits == 0 || i < 0 || line[i] != '{') {
            return Optional.empty();
        }
        if (digits > MAX_DIGITS) {
            throw new WireSyntaxException("Literal size too large");
        }
        long size = Long.parseLong(new String(line, i + 1, digits, StandardCharsets.US_ASCII));
        boolean binary = i > 0 && line[i - 1] == '~';
        return Optional.of(new LiteralAnnouncement(size, plus, binary, binary ? i - 1 : i));
    }

    /** As {@link #at}, but a malformed announcement counts as none (for lines that are being skipped anyway). */
    public static Optional<LiteralAnnouncement> lenientlyAt(byte[] line) {
        try {
            return at(line);
        } catch (WireSyntaxException e) {
            return Optional.empty();
        }
    }
}
