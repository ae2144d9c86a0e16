package org.loftmail.lmtp.command;

import org.loftmail.lmtp.session.LmtpSession;

/** One LMTP verb. The table ({@link LmtpCommands}) has already checked the session state. */
@FunctionalInterface
public interface LmtpCommand {

    void execute(LmtpSession session, String arguments);
}
