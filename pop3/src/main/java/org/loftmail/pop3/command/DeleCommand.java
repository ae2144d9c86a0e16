package org.loftmail.pop3.command;

import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** DELE msg (RFC 1939 section 5): only marks the message; it goes in the UPDATE state after QUIT. */
public final class DeleCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        OptionalInt msg = MessageArgs.alone(ctx, args);
        if (msg.isEmpty()) {
            return false;
        }
        ctx.maildrop().markDeleted(msg.getAsInt());
        ctx.writer().ok("Marked to be deleted.");
        return true;
    }
}
