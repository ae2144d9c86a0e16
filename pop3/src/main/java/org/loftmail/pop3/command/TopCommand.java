package org.loftmail.pop3.command;

import java.io.IOException;
import java.util.OptionalLong;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/** TOP msg n (RFC 1939 section 7): the header, the empty line and the first n body lines; no \Seen. */
public final class TopCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) throws IOException {
        MessageArgs.Parsed msg = MessageArgs.followed(ctx, args);
        if (msg == null) {
            return false;
        }
        OptionalLong lines = MessageArgs.lines(ctx, msg.rest());
        if (lines.isEmpty()) {
            return false;
        }
        long bytes = MessageSender.send(ctx, msg.number(), "", lines.getAsLong());
        if (bytes < 0) {
            return false;
        }
        ctx.stats().top(bytes);
        ctx.maildrop().markAccessed(msg.number());
        return true;
    }
}
