package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Session;

/** NOOP (RFC 1939 section 5). */
public final class NoopCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        session.writer().ok("");
        return true;
    }
}
