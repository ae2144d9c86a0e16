package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.ScriptNames;

/** Argument checks with Pigeonhole's answers. */
final class ArgCheck {

    private ArgCheck() {}

    /** Exactly {@code n} arguments, else "Missing arguments." / "Too many arguments.". */
    static boolean count(ManageSieveContext ctx, Arguments args, int n) {
        if (args.size() < n) {
            ctx.writer().no("Missing arguments.");
            return false;
        }
        if (args.size() > n) {
            ctx.writer().no("Too many arguments.");
            return false;
        }
        return true;
    }

    /** Argument {@code i} as a valid script name, else "Invalid script name." (or a string error). */
    static Optional<String> scriptName(ManageSieveContext ctx, Arguments args, int i) {
        if (args.bytes(i).isEmpty()) {
            ctx.writer().no("Invalid string for scriptname.");
            return Optional.empty();
        }
        Optional<String> name = args.string(i);
        if (name.isEmpty()) {
            ctx.writer().no("Invalid UTF-8 character in quoted-string.");
            return Optional.empty();
        }
        if (!ScriptNames.isValid(name.get())) {
            ctx.writer().no("Invalid script name.");
            return Optional.empty();
        }
        return name;
    }
}
