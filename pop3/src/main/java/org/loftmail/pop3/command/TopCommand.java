package org.loftmail.pop3.command;

import java.io.IOException;
import java.util.OptionalLong;
import org.loftmail.pop3.Pop3Session;

/** TOP msg n (RFC 1939 section 7): the header, the empty line and the first n body lines; no \Seen. */
public final class TopCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) throws IOException {
        MessageArgs.Parsed msg = MessageArgs.followed(session, args);
        if (msg == null) {
            return false;
        }
        OptionalLong lines = MessageArgs.lines(session, msg.rest());
        if (lines.isEmpty()) {
            return false;
        }
        long bytes = MessageSender.send(session, msg.number(), "", lines.getAsLong());
        if (bytes < 0) {
            return false;
        }
        session.stats().top(bytes);
        session.maildrop().markAccessed(msg.number());
        return true;
    }
}
