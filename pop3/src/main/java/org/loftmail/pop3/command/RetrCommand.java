package org.loftmail.pop3.command;

import java.io.IOException;
import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Session;

/**
 * RETR msg (RFC 1939 section 5): the whole message, byte-exact in CRLF form, dot-stuffed, streamed from storage.
 * "+OK n octets" gives the CRLF size LIST gave. \Seen is set at the end of the session unless
 * pop3_no_flag_updates.
 */
public final class RetrCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) throws IOException {
        OptionalInt msg = MessageArgs.alone(session, args);
        if (msg.isEmpty()) {
            return false;
        }
        int n = msg.getAsInt();
        long bytes = MessageSender.send(session, n, session.maildrop().size(n) + " octets", MessageSender.wholeMessage());
        if (bytes < 0) {
            return false;
        }
        session.stats().retr(bytes);
        session.maildrop().markRetrieved(n);
        return true;
    }
}
