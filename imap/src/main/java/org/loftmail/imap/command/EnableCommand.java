package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * ENABLE (RFC 5161). Loft has no extension that must be enabled yet (CONDSTORE, QRESYNC, UTF8=ACCEPT and
 * IMAP4rev2 are not offered), so nothing is enabled and, as Dovecot does then, no {@code * ENABLED} is sent.
 */
public final class EnableCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        do {
            args.atom();
        } while (!args.atEnd() && args.skip(' '));
        args.end();
        return Completion.ok("Enabled.");
    }
}
