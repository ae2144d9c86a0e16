package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** CHECK (RFC 3501 section 6.4.1): every change is already durable, so only the sync point remains. */
public final class CheckCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        return Completion.ok("Check completed.");
    }
}
