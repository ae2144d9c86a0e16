package org.loftmail.lmtp.command;

import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;

/** RFC 5321 section 4.1.1.5 RSET: drop the transaction (and any BDAT data), keep the LHLO. */
final class RsetCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        session.discardTransaction();
        session.reply(LmtpReply.OK);
    }
}
