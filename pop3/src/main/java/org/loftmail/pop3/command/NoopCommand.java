package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** NOOP (RFC 1939 section 5). */
public final class NoopCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        ctx.writer().ok("");
        return true;
    }
}
