package org.loftmail.lmtp.command;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.loftmail.lmtp.codec.CommandLine;
import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;
import org.loftmail.lmtp.session.SessionState;

/**
 * Every LMTP command with the states it is allowed in. The dispatcher enforces the states and answers the
 * sequence errors; the commands do not check them again.
 */
public final class LmtpCommands {

    private record Entry(LmtpCommand command, Set<SessionState> states, LmtpReply wrongState) {}

    private static final Set<SessionState> ANY = EnumSet.of(SessionState.GREETED, SessionState.READY,
            SessionState.TRANSACTION, SessionState.CHUNKING);

    private static final Map<String, Entry> TABLE = Map.of(
            "LHLO", new Entry(new LhloCommand(), ANY, null),
            "MAIL", new Entry(new MailCommand(), EnumSet.of(SessionState.READY), null),
            "RCPT", new Entry(new RcptCommand(), EnumSet.of(SessionState.TRANSACTION), LmtpReply.MAIL_FIRST),
            "DATA", new Entry(new DataCommand(), EnumSet.of(SessionState.TRANSACTION, SessionState.CHUNKING),
                    LmtpReply.MAIL_FIRST),
            "BDAT", new Entry(new BdatCommand(), ANY, null),
            "RSET", new Entry(new RsetCommand(), ANY, null),
            "NOOP", new Entry((s, a) -> s.reply(LmtpReply.OK), ANY, null),
            "QUIT", new Entry((s, a) -> s.quit(), ANY, null),
            "VRFY", new Entry((s, a) -> s.reply(LmtpReply.VRFY), ANY, null),
            "STARTTLS", new Entry(new StarttlsCommand(), EnumSet.of(SessionState.GREETED, SessionState.READY),
                    LmtpReply.of(503, "5.5.1", "STARTTLS not allowed during a mail transaction")));

    private LmtpCommands() {}

    public static void dispatch(LmtpSession session, CommandLine line) {
        Entry entry = TABLE.get(line.verb());
        if (entry == null) {
            session.reply(LmtpReply.UNKNOWN_COMMAND);
            return;
        }
        SessionState state = session.state();
        if (!entry.states().contains(state)) {
            session.reply(wrongState(entry, state, line.verb()));
            return;
        }
        entry.command().execute(session, line.arguments());
    }

    private static LmtpReply wrongState(Entry entry, SessionState state, String verb) {
        if (state == SessionState.GREETED) {
            return LmtpReply.LHLO_FIRST;
        }
        if (verb.equals("MAIL")) {
            return LmtpReply.NESTED_MAIL;
        }
        if (state == SessionState.CHUNKING) {
            return LmtpReply.of(503, "5.5.1", "Bad sequence of commands: finish BDAT or send RSET");
        }
        return entry.wrongState() != null ? entry.wrongState() : LmtpReply.of(503, "5.5.1", "Bad sequence of commands");
    }
}
