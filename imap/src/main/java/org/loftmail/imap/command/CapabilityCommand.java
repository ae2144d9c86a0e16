package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.ImapState;
import org.loftmail.imap.codec.ArgumentReader;

/** CAPABILITY (RFC 3501 section 6.1.1). */
public final class CapabilityCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        ctx.out().untagged().atom("CAPABILITY").sp().token(String.join(" ", ctx.capabilities())).end();
        return ctx.state() == ImapState.NOT_AUTHENTICATED
                ? Completion.ok("Pre-login capabilities listed, post-login capabilities have more.")
                : Completion.ok("Capability completed.");
    }
}
