package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Session;

/** STAT (RFC 1939 section 5): messages not marked deleted and their size in CRLF octets. */
public final class StatCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        session.writer().ok(session.maildrop().liveCount() + " " + session.maildrop().liveSize());
        return true;
    }
}
