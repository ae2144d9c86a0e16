package org.loftmail.pop3.command;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.maildrop.Maildrop;

/**
 * Parses message numbers and TOP's line count the way Dovecot does, answering with Dovecot's error texts:
 * "Invalid message number: x", "Message number too large: ", "Noise after message number: …",
 * "There's no message N.", "Message is deleted.", "Invalid size: x", "Size too large: x", "Noise after size: …".
 */
final class MessageArgs {

    private MessageArgs() {}

    /** The result of parsing a message number: the number (1-based) and the text after it. */
    record Parsed(int number, String rest) {}

    /** A message number that must be the only argument. */
    static OptionalInt alone(Pop3Context ctx, String args) {
        Parsed p = parse(ctx, args, false);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p.number());
    }

    /** A message number followed by a space and more (TOP). Returns the number and the rest, spaces skipped. */
    static Parsed followed(Pop3Context ctx, String args) {
        return parse(ctx, args, true);
    }

    private static Parsed parse(Pop3Context ctx, String args, boolean thenSpace) {
        if (args.isEmpty() || !isDigit(args.charAt(0))) {
            ctx.writer().err("Invalid message number: " + args);
            return null;
        }
        int i = 0;
        long value = 0;
        while (i < args.length() && isDigit(args.charAt(i))) {
            value = value * 10 + (args.charAt(i) - '0');
            if (value > 0xFFFF_FFFFL) {
                ctx.writer().err("Message number too large: ");
                return null;
            }
            i++;
        }
        String rest = args.substring(i);
        if (thenSpace ? !rest.startsWith(" ") : !rest.isEmpty()) {
            ctx.writer().err("Noise after message number: " + rest);
            return null;
        }
        Maildrop drop = ctx.maildrop();
        if (value == 0 || value > drop.count()) {
            ctx.writer().err("There's no message " + value + ".");
            return null;
        }
        int msg = (int) value;
        if (drop.isDeleted(msg)) {
            ctx.writer().err("Message is deleted.");
            return null;
        }
        return new Parsed(msg, rest.stripLeading());
    }

    /** TOP's line count: a non-negative decimal number and nothing after it. */
    static OptionalLong lines(Pop3Context ctx, String text) {
        if (text.isEmpty() || !isDigit(text.charAt(0))) {
            ctx.writer().err("Invalid size: " + text);
            return OptionalLong.empty();
        }
        int i = 0;
        long value = 0;
        while (i < text.length() && isDigit(text.charAt(i))) {
            int d = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                ctx.writer().err("Size too large: " + text);
                return OptionalLong.empty();
            }
            value = value * 10 + d;
            i++;
        }
        if (i < text.length()) {
            ctx.writer().err("Noise after size: " + text.substring(i));
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
