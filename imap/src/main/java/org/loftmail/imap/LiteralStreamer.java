package org.loftmail.imap;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.loftmail.transport.literal.LiteralStream;

/**
 * A {@link CommandTable} row's promise that the command streams its literals (APPEND's messages; later
 * CATENATE's parts) instead of receiving them in memory within {@code imap_max_line_length}. The session asks it
 * for each literal announced while the command is being assembled, after the state check.
 */
@FunctionalInterface
public interface LiteralStreamer {

    /**
     * The literal announced at the end of {@code lines} ({@code literals} holds the ones before it): a stream
     * that takes it and the rest of the command and ends it through {@code answer}; empty when this literal is an
     * ordinary argument read into memory (APPEND's mailbox name sent as a literal).
     */
    Optional<LiteralStream> streamFrom(ImapContext ctx, List<byte[]> lines, List<byte[]> literals,
            Consumer<Completion> answer);
}
