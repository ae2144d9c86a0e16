package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The actions of one run in execution order, and whether the implicit keep is still in effect at its end (with the
 * flags imap4flags gave it). Running several scripts in a row (sieve_before, the personal script, sieve_after)
 * continues only while the implicit keep stands, as Pigeonhole's multiscript does.
 */
public record SieveResult(List<SieveAction> actions, boolean implicitKeep, Set<String> keepFlags) {
    public SieveResult {
        actions = List.copyOf(actions);
        keepFlags = Set.copyOf(keepFlags);
    }

    /** Every action, the implicit keep resolved into a Keep at the end. */
    public List<SieveAction> all() {
        if (!implicitKeep) return actions;
        List<SieveAction> out = new ArrayList<>(actions);
        out.add(new SieveAction.Keep(keepFlags));
        return out;
    }
}
