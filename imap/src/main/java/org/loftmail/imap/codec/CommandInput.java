package org.loftmail.imap.codec;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.WireSyntaxException;

/**
 * One complete command as it arrived: its lines, and after every line but the last the literal that line
 * announced. {@code lines.get(i)} ends with the announcement of {@code literals.get(i)}.
 */
public record CommandInput(List<byte[]> lines, List<byte[]> literals) {

    public CommandInput {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.isEmpty() || literals.size() != lines.size() - 1) {
            throw new IllegalArgumentException("a command has one more line than literals");
        }
    }

    public static CommandInput ofLine(byte[] line) {
        return new CommandInput(List.of(line), List.of());
    }

    /** Builds a command from text where {@code {n}} announcements are followed by CRLF and the literal bytes. */
    public static CommandInput parse(byte[] wire) {
        List<byte[]> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        int pos = 0;
        while (true) {
            int lf = indexOf(wire, (byte) '\n', pos);
            int end = lf < 0 ? wire.length : lf;
            int lineEnd = end > pos && wire[end - 1] == '\r' ? end - 1 : end;
            byte[] line = java.util.Arrays.copyOfRange(wire, pos, lineEnd);
            lines.add(line);
            java.util.Optional<LiteralAnnouncement> lit;
            try {
                lit = LiteralAnnouncement.at(line);
            } catch (WireSyntaxException e) {
                throw new ImapSyntaxException(e.getMessage());
            }
            if (lf < 0 || lit.isEmpty()) {
                return new CommandInput(lines, literals);
            }
            // compared as long, never cast first: an announcement may exceed int, and the text ends before it
            int from = lf + 1;
            long size = lit.get().size();
            int to = size >= wire.length - from ? wire.length : from + (int) size;
            literals.add(java.util.Arrays.copyOfRange(wire, from, to));
            pos = to;
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) return i;
        }
        return -1;
    }

    /** Bytes held, for limits. */
    public long size() {
        long n = 0;
        for (byte[] l : lines) n += l.length;
        for (byte[] l : literals) n += l.length;
        return n;
    }
}
