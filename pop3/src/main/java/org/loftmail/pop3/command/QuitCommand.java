package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.Pop3State;

/**
 * QUIT (RFC 1939 sections 4 and 6): before login it just ends the session; after login it enters the UPDATE
 * state, where the messages marked with DELE are removed, and ends the session.
 */
public final class QuitCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        if (ctx.state() == Pop3State.AUTHORIZATION) {
            ctx.writer().ok("Logging out");
            ctx.logoutBeforeLogin();
        } else {
            ctx.update();
        }
        return true;
    }
}
