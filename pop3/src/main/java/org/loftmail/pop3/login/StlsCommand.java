package org.loftmail.pop3.login;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;

/**
 * STLS (RFC 2595 section 4). The transport pauses line framing after an STLS line (see Pop3Service's line
 * pauser), so anything the client pipelined after it in plaintext is dropped, never run as if it came over TLS.
 * The USER name given before STLS is forgotten.
 */
public final class StlsCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        if (ctx.connection().isSecure()) {
            ctx.writer().err("TLS is already active.");
            return false;
        }
        if (!ctx.connection().canStartTls()) {
            ctx.writer().err("TLS support isn't enabled.");
            return false;
        }
        ctx.login().setPendingUser(null);
        ctx.writer().ok("Begin TLS negotiation now.");
        ctx.connection().startTls();
        return true;
    }
}
