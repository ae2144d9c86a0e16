package org.loftmail.pop3.command;

import java.io.IOException;
import java.util.OptionalInt;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.Pop3Writer;
import org.loftmail.pop3.maildrop.Maildrop;

/**
 * UIDL [msg] (RFC 1939 section 7): the unique-id listing (see UidlList); with pop3_save_uidl the UIDLs shown are
 * saved with the messages.
 */
public final class UidlCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) throws IOException {
        Maildrop drop = ctx.maildrop();
        Pop3Writer out = ctx.writer();
        if (!args.isEmpty()) {
            OptionalInt msg = MessageArgs.alone(ctx, args);
            if (msg.isEmpty()) {
                return false;
            }
            drop.saveShownUidls(msg.getAsInt(), msg.getAsInt());
            out.ok(msg.getAsInt() + " " + drop.uidl(msg.getAsInt()));
            return true;
        }
        // before "+OK": a storage error can still be answered with -ERR
        drop.computeUidls();
        drop.saveShownUidls(1, drop.count());
        out.ok("");
        for (int msg = 1; msg <= drop.count(); msg++) {
            if (!drop.isDeleted(msg)) {
                out.dataLine(msg + " " + drop.uidl(msg));
                if (msg % 1000 == 0) {
                    out.flush();
                }
            }
        }
        out.endMultiline();
        return true;
    }
}
