package org.loftmail.lmtp.command;

import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;
import org.loftmail.lmtp.session.SessionState;

/** RFC 5321 section 4.1.1.4 DATA; RFC 2033 section 4.2: the replies after the dot are one per recipient. */
final class DataCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        if (!arguments.isBlank()) {
            session.reply(LmtpReply.of(501, "5.5.4", "DATA takes no parameters"));
            return;
        }
        if (session.state() == SessionState.CHUNKING || session.transaction().chunked()) {
            session.reply(LmtpReply.DATA_AFTER_BDAT);
            return;
        }
        if (session.transaction().recipients().isEmpty()) {
            session.reply(LmtpReply.NO_RECIPIENTS);
            return;
        }
        session.beginData();
    }
}
