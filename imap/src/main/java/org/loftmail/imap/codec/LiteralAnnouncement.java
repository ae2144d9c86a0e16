package org.loftmail.imap.codec;

import java.util.Optional;

/**
 * The literal announcement that ends a line: {@code {n}} (synchronising: the server answers {@code + OK} first),
 * {@code {n+}} (LITERAL+, RFC 7888: the data follows at once) or {@code ~{n}} (RFC 3516 literal8, binary).
 * {@code start} is where the announcement begins in the line.
 */
public record LiteralAnnouncement(long size, boolean nonSynchronizing, boolean binary, int start) {

    /** Size of a literal that does not fit any limit; longer digit strings are refused outright. */
    private static final int MAX_DIGITS = 18;

    /** The announcement at the end of {@code line}, if the line ends with one. */
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
        int digitsEnd = end;
        int i = digitsEnd - 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        int digits = digitsEnd - 1 - i;
        if (digits == 0 || i < 0 || line[i] != '{') {
            return Optional.empty();
        }
        if (digits > MAX_DIGITS) {
            throw new ImapSyntaxException("Literal size too large");
        }
        long size = Long.parseLong(new String(line, i + 1, digits, java.nio.charset.StandardCharsets.US_ASCII));
        boolean binary = i > 0 && line[i - 1] == '~';
        int start = binary ? i - 1 : i;
        return Optional.of(new LiteralAnnouncement(size, plus, binary, start));
    }
}
