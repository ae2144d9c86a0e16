package org.loftmail.imap.command;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.loftmail.core.mail.Flags;
import org.loftmail.imap.Completion;
import org.loftmail.imap.FlagNames;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.LiteralStreamer;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.CommandInput;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.transport.literal.LiteralStream;

/**
 * APPEND (RFC 3501 section 6.3.11, RFC 3502 MULTIAPPEND, RFC 4315 APPENDUID, RFC 7889 APPENDLIMIT). Its row in
 * the command table streams literals: the message literals go to storage through {@link AppendSession} as they
 * arrive, never held in memory; this class parses the parts around them. A command that reaches {@link #execute}
 * had no message literal at all.
 */
public final class AppendCommand implements ImapCommand, LiteralStreamer {

    /** One message's options before its literal: flags and INTERNALDATE. */
    public record MessageOptions(Flags flags, Optional<ZonedDateTime> date) {}

    /** What precedes the first message literal. */
    public record Prefix(String tag, String mailbox, MessageOptions first) {}

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.astring();
        args.sp();
        options(args);
        throw new ImapSyntaxException(args.atEnd() ? "Missing arguments" : "Expected a literal");
    }

    @Override
    public Optional<LiteralStream> streamFrom(ImapContext ctx, List<byte[]> lines, List<byte[]> literals,
            Consumer<Completion> answer) {
        return prefix(lines, literals).map(p -> new AppendSession(ctx, p, answer));
    }

    /**
     * When the lines so far are {@code tag APPEND mailbox [flags] [date]} and the literal just announced at the end
     * of the last line is the message, returns the parsed prefix; empty otherwise (the literal is then an ordinary
     * one, e.g. the mailbox name).
     */
    public static Optional<Prefix> prefix(List<byte[]> lines, List<byte[]> literals) {
        try {
            ArgumentReader r = withPendingLiteral(lines, literals);
            String tag = r.tag();
            r.sp();
            if (!r.keyword().equals("APPEND")) return Optional.empty();
            r.sp();
            if (r.atLiteral() && literals.size() == lines.size() - 1 && isLastLine(r, lines)) {
                return Optional.empty(); // the announced literal is the mailbox name
            }
            String mailbox = r.astring();
            r.sp();
            MessageOptions o = options(r);
            return r.atLiteral() ? Optional.of(new Prefix(tag, mailbox, o)) : Optional.empty();
        } catch (ImapSyntaxException e) {
            return Optional.empty();
        }
    }

    /** A MULTIAPPEND continuation line {@code SP [flags SP] [date SP] literal}: the next message's options. */
    public static MessageOptions nextMessage(byte[] line) {
        ArgumentReader r = withPendingLiteral(List.of(line), List.of());
        r.sp();
        MessageOptions o = options(r);
        if (!r.atLiteral()) throw new ImapSyntaxException("Expected a literal");
        return o;
    }

    private static boolean isLastLine(ArgumentReader r, List<byte[]> lines) {
        return lines.size() == 1;
    }

    private static MessageOptions options(ArgumentReader r) {
        Flags flags = Flags.NONE;
        Optional<ZonedDateTime> date = Optional.empty();
        if (r.peek() == '(') {
            flags = FlagNames.parse(r.flagList());
            r.sp();
        }
        if (r.peek() == '"') {
            date = Optional.of(r.dateTime());
            r.sp();
        }
        return new MessageOptions(flags, date);
    }

    /** A reader over the lines with an empty stand-in for the literal announced but not read yet. */
    private static ArgumentReader withPendingLiteral(List<byte[]> lines, List<byte[]> literals) {
        List<byte[]> ls = new ArrayList<>(lines);
        List<byte[]> lits = new ArrayList<>(literals);
        lits.add(new byte[0]);
        ls.add(new byte[0]);
        return new ArgumentReader(new CommandInput(ls, lits));
    }
}
