package org.loftmail.imap;

import org.loftmail.imap.codec.ArgumentReader;

/**
 * One IMAP command's behaviour. The dispatcher has read the tag and the name; the command reads its arguments,
 * does its work, writes its untagged responses and returns how it ends ({@code null} when it goes on: IDLE,
 * AUTHENTICATE). State checks are the dispatcher's, not the command's.
 */
@FunctionalInterface
public interface ImapCommand {

    Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception;
}
