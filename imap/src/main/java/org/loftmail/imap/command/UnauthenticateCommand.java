package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * UNAUTHENTICATE (RFC 8437): back to the not-authenticated state without a new connection, so a client can log in
 * as someone else over the same TLS session. The selected mailbox is closed without expunging, ENABLEd extensions
 * are reset; TLS and compression stay.
 */
public final class UnauthenticateCommand implements ImapCommand {

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        ctx.unauthenticate();
        return Completion.ok("Unauthenticate completed.");
    }
}
