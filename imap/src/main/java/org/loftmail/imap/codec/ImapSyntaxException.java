package org.loftmail.imap.codec;

/**
 * A command that does not follow the IMAP grammar. The message is always one of the codec's own fixed texts (never
 * client bytes), so it can go on the wire after {@code BAD Error in IMAP command NAME: }.
 */
public final class ImapSyntaxException extends RuntimeException {

    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
