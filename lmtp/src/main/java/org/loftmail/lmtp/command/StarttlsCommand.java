package org.loftmail.lmtp.command;

import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;

/** RFC 3207 STARTTLS, on TCP listeners with a TLS context. Afterwards the client must send LHLO again. */
final class StarttlsCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        if (session.connection().isSecure()) {
            session.reply(LmtpReply.TLS_ACTIVE);
            return;
        }
        if (!session.connection().canStartTls()) {
            session.reply(LmtpReply.TLS_UNAVAILABLE);
            return;
        }
        session.resetForTls();
        session.connection().write(org.loftmail.lmtp.codec.ReplyWriter.encode(LmtpReply.START_TLS));
        session.connection().startTls();
    }
}
