package org.loftmail.lmtp.command;

import java.util.EnumSet;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.CommandTable;
import org.loftmail.smtp.server.ServerState;
import org.loftmail.smtp.server.command.BdatCommand;
import org.loftmail.smtp.server.command.DataCommand;
import org.loftmail.smtp.server.command.MailCommand;
import org.loftmail.smtp.server.command.RsetCommand;
import org.loftmail.smtp.server.command.StarttlsCommand;

/**
 * Every LMTP command (RFC 2033) with the states it is allowed in: SMTP's transaction commands from the smtp module,
 * plus LHLO and LMTP's recipient check. The table enforces the states; the commands do not check them again.
 */
public final class LmtpCommands {

    public static final CommandTable<LmtpContext> TABLE = new CommandTable<LmtpContext>(LmtpReplies.LHLO_FIRST)
            .add("LHLO", new LhloCommand(), CommandTable.ANY)
            .add("MAIL", new MailCommand(), EnumSet.of(ServerState.READY))
            .add("RCPT", new RcptCommand(), EnumSet.of(ServerState.TRANSACTION), SmtpReply.MAIL_FIRST)
            .add("DATA", new DataCommand(), EnumSet.of(ServerState.TRANSACTION, ServerState.CHUNKING),
                    SmtpReply.MAIL_FIRST)
            .add("BDAT", new BdatCommand(LmtpReplies.LHLO_FIRST), CommandTable.ANY)
            .add("RSET", new RsetCommand(), CommandTable.ANY)
            .add("NOOP", (c, a) -> c.reply(SmtpReply.OK), CommandTable.ANY)
            .add("QUIT", (c, a) -> c.quit(), CommandTable.ANY)
            .add("VRFY", (c, a) -> c.reply(SmtpReply.VRFY), CommandTable.ANY)
            .add("STARTTLS", new StarttlsCommand(), EnumSet.of(ServerState.GREETED, ServerState.READY),
                    SmtpReply.of(503, "5.5.1", "STARTTLS not allowed during a mail transaction"));

    private LmtpCommands() {}
}
