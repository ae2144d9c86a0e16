package org.loftmail.pop3.command;

import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.Pop3Writer;
import org.loftmail.pop3.maildrop.Maildrop;

/**
 * LIST [msg] (RFC 1939 section 5): the scan listing, sizes in CRLF octets, deleted messages left out. A long
 * listing is written and flushed in pieces, so a mailbox of any size costs no more memory than a small one.
 */
public final class ListCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        Maildrop drop = ctx.maildrop();
        Pop3Writer out = ctx.writer();
        if (!args.isEmpty()) {
            OptionalInt msg = MessageArgs.alone(ctx, args);
            if (msg.isEmpty()) {
                return false;
            }
            out.ok(msg.getAsInt() + " " + drop.size(msg.getAsInt()));
            return true;
        }
        out.ok(drop.liveCount() + " messages:");
        for (int msg = 1; msg <= drop.count(); msg++) {
            if (!drop.isDeleted(msg)) {
                out.dataLine(msg + " " + drop.size(msg));
                if (msg % 1000 == 0) {
                    out.flush();
                }
            }
        }
        out.endMultiline();
        return true;
    }
}
