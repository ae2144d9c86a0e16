package org.loftmail.pop3.command;

import java.io.IOException;
import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/**
 * RETR msg (RFC 1939 section 5): the whole message, byte-exact in CRLF form, dot-stuffed, streamed from storage.
 * "+OK n octets" gives the CRLF size LIST gave. \Seen is set at the end of the session unless
 * pop3_no_flag_updates.
 */
public final class RetrCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) throws IOException {
        OptionalInt msg = MessageArgs.alone(ctx, args);
        if (msg.isEmpty()) {
            return false;
        }
        int n = msg.getAsInt();
        long bytes = MessageSender.send(ctx, n, ctx.maildrop().size(n) + " octets", MessageSender.wholeMessage());
        if (bytes < 0) {
            return false;
        }
        ctx.stats().retr(bytes);
        ctx.maildrop().markRetrieved(n);
        return true;
    }
}
