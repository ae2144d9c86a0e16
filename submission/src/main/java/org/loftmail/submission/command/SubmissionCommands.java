package org.loftmail.submission.command;

import java.util.EnumSet;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.CommandTable;
import org.loftmail.smtp.server.ServerState;
import org.loftmail.smtp.server.command.BdatCommand;
import org.loftmail.smtp.server.command.DataCommand;
import org.loftmail.smtp.server.command.StarttlsCommand;

/**
 * Every submission command (RFC 6409 over RFC 5321) with the states it is allowed in: SMTP's transaction commands
 * from the smtp module, plus EHLO/HELO, AUTH and submission's own MAIL and RCPT. The session refuses MAIL, RCPT,
 * DATA and BDAT before AUTH (530 5.7.0) before the table sees them.
 */
public final class SubmissionCommands {

    public static final CommandTable<SubmissionContext> TABLE =
            new CommandTable<SubmissionContext>(SubmissionReplies.EHLO_FIRST)
            .add("EHLO", new EhloCommand(true), CommandTable.ANY)
            .add("HELO", new EhloCommand(false), CommandTable.ANY)
            .add("AUTH", new AuthCommand(), EnumSet.of(ServerState.READY, ServerState.TRANSACTION,
                    ServerState.CHUNKING))
            .add("MAIL", new MailCommand(), EnumSet.of(ServerState.READY))
            .add("RCPT", new RcptCommand(), EnumSet.of(ServerState.TRANSACTION), SmtpReply.MAIL_FIRST)
            .add("DATA", new DataCommand(), EnumSet.of(ServerState.TRANSACTION, ServerState.CHUNKING),
                    SmtpReply.MAIL_FIRST)
            .add("BDAT", new BdatCommand(SubmissionReplies.EHLO_FIRST), CommandTable.ANY)
            .add("RSET", (c, a) -> {
                c.transaction().reset();
                c.outbound().reset();
                c.reply(SmtpReply.OK);
            }, CommandTable.ANY)
            .add("NOOP", (c, a) -> c.reply(SmtpReply.OK), CommandTable.ANY)
            .add("QUIT", (c, a) -> c.quit(), CommandTable.ANY)
            .add("VRFY", (c, a) -> c.reply(SmtpReply.VRFY), CommandTable.ANY)
            .add("STARTTLS", new StarttlsCommand(), EnumSet.of(ServerState.GREETED, ServerState.READY),
                    SmtpReply.of(503, "5.5.1", "STARTTLS not allowed during a mail transaction"));

    private SubmissionCommands() {}
}
