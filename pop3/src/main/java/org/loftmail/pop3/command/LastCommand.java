package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Session;

/** LAST (RFC 1460, removed by RFC 1725), only with pop3_enable_last: the highest message number accessed. */
public final class LastCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        session.writer().ok(Integer.toString(session.maildrop().lastAccessed()));
        return true;
    }
}
