package org.loftmail.pop3.command;

import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Session;

/** DELE msg (RFC 1939 section 5): only marks the message; it goes in the UPDATE state after QUIT. */
public final class DeleCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        OptionalInt msg = MessageArgs.alone(session, args);
        if (msg.isEmpty()) {
            return false;
        }
        session.maildrop().markDeleted(msg.getAsInt());
        session.writer().ok("Marked to be deleted.");
        return true;
    }
}
