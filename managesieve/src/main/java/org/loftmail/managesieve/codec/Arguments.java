package org.loftmail.managesieve.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.QuotedString;
import org.loftmail.transport.literal.WireSyntaxException;

/**
 * A ManageSieve command as read from the wire (RFC 5804 section 4): the command name (an atom, case-insensitive)
 * and its arguments, each an atom (numbers are atoms of digits) or a string, quoted or a literal. Built from the
 * lines and literals {@link org.loftmail.transport.literal.LiteralAssembler} put together. Syntax errors are
 * {@link WireSyntaxException}s with fixed texts.
 */
public record Arguments(String command, List<Arg> args) {

    /** One argument. */
    public sealed interface Arg {
        /** A bare word: a number, or something that should have been a string. */
        record Atom(String text) implements Arg {}

        /** A quoted string or a literal, as bytes. */
        record Str(byte[] bytes) implements Arg {}
    }

    public Arguments {
        args = List.copyOf(args);
    }

    /** Parses a command; {@code lines.size() == literals.size() + 1}, each line but the last announcing a literal. */
    public static Arguments parse(List<byte[]> lines, List<byte[]> literals) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            int end = line.length;
            if (i < literals.size()) {
                end = LiteralAnnouncement.lenientlyAt(line).map(LiteralAnnouncement::start).orElse(end);
            }
            readTokens(line, end, out);
            if (i < literals.size()) out.add(new Arg.Str(literals.get(i)));
        }
        if (out.isEmpty() || !(out.get(0) instanceof Arg.Atom name)) {
            throw new WireSyntaxException("Missing command");
        }
        return new Arguments(name.text().toUpperCase(Locale.ROOT), out.subList(1, out.size()));
    }

    /** Parses one line of arguments only (a SASL response): strings and atoms, no command name. */
    public static List<Arg> parseArguments(List<byte[]> lines, List<byte[]> literals) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            int end = i < literals.size()
                    ? LiteralAnnouncement.lenientlyAt(line).map(LiteralAnnouncement::start).orElse(line.length)
                    : line.length;
            readTokens(line, end, out);
            if (i < literals.size()) out.add(new Arg.Str(literals.get(i)));
        }
        return out;
    }

    private static void readTokens(byte[] line, int end, List<Arg> out) {
        int i = 0;
        while (i < end) {
            byte b = line[i];
            if (b == ' ') {
                i++;
            } else if (b == '"') {
                QuotedString.Read r = QuotedString.read(line, i);
                if (r.end() > end) throw new WireSyntaxException("Missing '\"'");
                out.add(new Arg.Str(r.value()));
                i = r.end();
            } else {
                int start = i;
                while (i < end && line[i] != ' ') {
                    int c = line[i] & 0xff;
                    if (c < 0x21 || c >= 0x7f || c == '"' || c == '{' || c == '}' || c == '(' || c == ')') {
                        throw new WireSyntaxException(c >= 0x80 ? "8bit data in atom" : "Invalid characters in atom");
                    }
                    i++;
                }
                out.add(new Arg.Atom(new String(line, start, i - start, StandardCharsets.US_ASCII)));
            }
        }
    }

    public int size() {
        return args.size();
    }

    /** Argument {@code i} as a UTF-8 string; empty when it is not a string or not valid UTF-8. */
    public Optional<String> string(int i) {
        if (i >= args.size() || !(args.get(i) instanceof Arg.Str s)) return Optional.empty();
        return utf8(s.bytes());
    }

    /** Argument {@code i}'s bytes when it is a string. */
    public Optional<byte[]> bytes(int i) {
        if (i >= args.size() || !(args.get(i) instanceof Arg.Str s)) return Optional.empty();
        return Optional.of(s.bytes());
    }

    /** Argument {@code i} as a non-negative number (an atom of digits). */
    public Optional<Long> number(int i) {
        if (i >= args.size() || !(args.get(i) instanceof Arg.Atom a)) return Optional.empty();
        String t = a.text();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) return Optional.empty();
        return Optional.of(Long.parseLong(t));
    }

    /** Strict UTF-8 decoding. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
