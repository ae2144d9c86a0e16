package org.loftmail.pop3.command;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** LAST (RFC 1460, removed by RFC 1725), only with pop3_enable_last: the highest message number accessed. */
public final class LastCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        ctx.writer().ok(Integer.toString(ctx.maildrop().lastAccessed()));
        return true;
    }
}
