package org.loftmail.pop3.command;

import java.io.IOException;
import org.loftmail.pop3.Pop3Session;

/** RSET (RFC 1939 section 5): unmarks the deleted messages (and, as in Dovecot, forgets pending \Seen). */
public final class RsetCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) throws IOException {
        session.maildrop().reset();
        session.writer().ok("");
        return true;
    }
}
