package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** STAT (RFC 1939 section 5): messages not marked deleted and their size in CRLF octets. */
public final class StatCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        ctx.writer().ok(ctx.maildrop().liveCount() + " " + ctx.maildrop().liveSize());
        return true;
    }
}
