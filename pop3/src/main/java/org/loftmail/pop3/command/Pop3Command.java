package org.loftmail.pop3.command;

import java.io.IOException;
import org.loftmail.pop3.Pop3Session;

/** One POP3 command's behaviour. The dispatcher has already checked the state; {@code args} is the raw text. */
@FunctionalInterface
public interface Pop3Command {

    /** Returns false when the command failed in a way that counts as a bad command (Dovecot's bad counter). */
    boolean execute(Pop3Session session, String args) throws IOException;
}
