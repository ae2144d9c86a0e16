package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.ScriptNames;

/** Argument checks with Pigeonhole's answers. */
final class ArgCheck {

    private ArgCheck() {}

    /** Exactly {@code n} arguments, else "Missing arguments." / "Too many arguments." as a command error. */
    static boolean count(ManageSieveContext ctx, Arguments args, int n) {
        if (args.size() < n) {
            ctx.commandError("Missing arguments.");
            return false;
        }
        if (args.size() > n) {
            ctx.commandError("Too many arguments.");
            return false;
        }
        return true;
    }

    /**
     * Argument {@code i} as a valid script name. A non-string is a command error; invalid UTF-8 or a name
     * Pigeonhole refuses gets {@code NO "<invalidText> `name'."} with the name's control characters shown as
     * {@code ?} ({@code invalidText} is the command's own wording).
     */
    static Optional<String> scriptName(ManageSieveContext ctx, Arguments args, int i, String invalidText) {
        return scriptName(ctx, args, i, invalidText, null);
    }

    /**
     * As {@link #scriptName(ManageSieveContext, Arguments, int, String)}; a refused name is also logged at info as
     * Pigeonhole does, {@code logAs} with {@code %s} for the name ({@code Failed to delete script `%s'}).
     */
    static Optional<String> scriptName(ManageSieveContext ctx, Arguments args, int i, String invalidText,
            String logAs) {
        if (args.bytes(i).isEmpty()) {
            ctx.commandError("Invalid arguments.");
            return Optional.empty();
        }
        Optional<String> name = args.string(i);
        if (name.isEmpty()) {
            ctx.writer().no("Invalid UTF-8 character in quoted-string.");
            return Optional.empty();
        }
        if (!ScriptNames.isValid(name.get())) {
            String reply = invalidText == null ? "Invalid script name." : invalidText + " `" + shown(name.get()) + "'.";
            ctx.writer().no(reply);
            if (logAs != null) {
                ctx.log().info(MailLog.sanitize(logAs.replace("%s", shown(name.get())) + ": " + reply));
            }
            return Optional.empty();
        }
        return name;
    }

    /** A script name as Pigeonhole prints it in a reply: control characters as '?', at most 80 characters. */
    static String shown(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        if (name.codePointCount(0, name.length()) > 80) b.append("...");
        return b.toString();
    }
}
