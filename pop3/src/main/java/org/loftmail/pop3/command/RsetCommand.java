package org.loftmail.pop3.command;

import java.io.IOException;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** RSET (RFC 1939 section 5): unmarks the deleted messages (and, as in Dovecot, forgets pending \Seen). */
public final class RsetCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) throws IOException {
        ctx.maildrop().reset();
        ctx.writer().ok("");
        return true;
    }
}
