package org.loftmail.pop3;

import java.io.IOException;

/**
 * One POP3 command's behaviour. The dispatcher has already checked the state (the command table); {@code args}
 * is the raw text. Commands see the session only through its {@link Pop3Context}.
 */
@FunctionalInterface
public interface Pop3Command {

    /** Returns false when the command failed in a way that counts as a bad command (Dovecot's bad counter). */
    boolean execute(Pop3Context ctx, String args) throws IOException;
}
