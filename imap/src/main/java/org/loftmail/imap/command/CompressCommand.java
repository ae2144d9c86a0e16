package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * COMPRESS DEFLATE (RFC 4978), after login, with or without TLS: the tagged OK goes out uncompressed, then both
 * directions are raw deflate. Dovecot's answers: a second COMPRESS is {@code NO [COMPRESSIONACTIVE]}, another
 * mechanism {@code NO Unknown compression mechanism}, and a client that sent more before the OK is refused, since
 * what it pipelined may already be compressed.
 */
public final class CompressCommand implements ImapCommand {

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        String mechanism = args.atom();
        args.end();
        if (ctx.compressed()) return Completion.no("COMPRESSIONACTIVE", "COMPRESSION=DEFLATE already enabled.");
        if (!mechanism.equalsIgnoreCase("DEFLATE")) return Completion.no("Unknown compression mechanism");
        if (ctx.connection().inputPending()) {
            return Completion.bad("Client did not wait for COMPRESS reply before sending more data");
        }
        ctx.out().status(tag, "OK", null, "Begin compression.");
        ctx.out().handOver(); // startCompression() sends it uncompressed, then switches
        ctx.connection().startCompression();
        ctx.compressionStarted();
        return null;
    }
}
