package org.loftmail.managesieve;

import org.loftmail.managesieve.codec.Arguments;

/** One ManageSieve command (RFC 5804 section 2): its arguments come parsed, its answer goes through the context. */
@FunctionalInterface
public interface ManageSieveCommand {

    /**
     * Runs the command and answers it. Wrong arguments go to {@link ManageSieveContext#commandError}, which counts
     * them as bad commands; storage and quota refusals are ordinary answers.
     */
    void execute(ManageSieveContext ctx, Arguments args);
}
