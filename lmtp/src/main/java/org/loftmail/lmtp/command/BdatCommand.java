package org.loftmail.lmtp.command;

import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;
import org.loftmail.lmtp.session.SessionState;

/**
 * RFC 3030 {@code BDAT <size> [LAST]}. The chunk's bytes always follow the command, so even a BDAT that fails is
 * read to its end before the error reply; only a size that cannot be parsed leaves no way to find the next command,
 * and closes the connection.
 */
final class BdatCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        String[] words = arguments.trim().split(" +");
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length < 1 || words.length > 2 || !words[0].matches("\\d{1,18}") || (words.length == 2 && !last)) {
            session.reply(LmtpReply.of(501, "5.5.4", "Invalid BDAT parameters; closing connection"));
            session.connection().close();
            return;
        }
        long size = Long.parseLong(words[0]);
        SessionState state = session.state();
        LmtpReply error = null;
        if (state == SessionState.GREETED) {
            error = LmtpReply.LHLO_FIRST;
        } else if (state == SessionState.READY) {
            error = LmtpReply.MAIL_FIRST;
        } else if (session.transaction().failedChunk()) {
            error = LmtpReply.BDAT_FAILED_BEFORE;
        } else if (session.transaction().recipients().isEmpty()) {
            error = LmtpReply.NO_RECIPIENTS;
        }
        session.beginChunk(size, last, error);
    }
}
