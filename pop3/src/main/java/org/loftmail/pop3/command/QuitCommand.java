package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Session;

/**
 * QUIT (RFC 1939 sections 4 and 6): before login it just ends the session; after login it enters the UPDATE
 * state, where the messages marked with DELE are removed, and ends the session.
 */
public final class QuitCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        if (session.state() == Pop3State.AUTHORIZATION) {
            session.writer().ok("Logging out");
            session.logoutBeforeLogin();
        } else {
            session.update();
        }
        return true;
    }
}
