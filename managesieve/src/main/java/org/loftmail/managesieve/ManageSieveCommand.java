package org.loftmail.managesieve;

import org.loftmail.managesieve.codec.Arguments;

/** One ManageSieve command (RFC 5804 section 2): its arguments come parsed, its answer goes through the context. */
@FunctionalInterface
public interface ManageSieveCommand {

    /** Runs the command; false when it failed in a way that counts as a bad command (wrong arguments). */
    boolean execute(ManageSieveContext ctx, Arguments args);
}
