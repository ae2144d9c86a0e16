package org.loftmail.imap.login;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * STARTTLS (RFC 3501 section 6.2.1). The tagged OK goes out in plaintext, then the transport switches to TLS and
 * drops anything the client pipelined after the command.
 */
public final class StartTlsCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        if (ctx.connection().isSecure()) return Completion.bad("TLS is already active.");
        if (!ctx.connection().canStartTls()) return Completion.bad("TLS support isn't enabled.");
        ctx.out().status(tag, "OK", null, "Begin TLS negotiation now.");
        // No flush here: startTls() flushes and switches right after, which keeps the window in which the client's
        // handshake could arrive before the switch as small as the transport allows.
        ctx.out().handOver();
        ctx.connection().startTls();
        return null;
    }
}
