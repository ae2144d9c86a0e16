package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** NOOP (RFC 3501 section 6.1.2): nothing but the sync point the dispatcher runs after every command. */
public final class NoopCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        return Completion.ok("NOOP completed.");
    }
}
