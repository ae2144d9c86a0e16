package org.loftmail.sieve.run;

import java.util.List;

/** The actions of one run, implicit keep resolved (a result without Keep does not keep), in execution order. */
public record SieveResult(List<SieveAction> actions) {
    public SieveResult {
        actions = List.copyOf(actions);
    }
}
