package org.loftmail.pop3;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.pop3.command.DeleCommand;
import org.loftmail.pop3.command.LastCommand;
import org.loftmail.pop3.command.ListCommand;
import org.loftmail.pop3.command.NoopCommand;
import org.loftmail.pop3.command.QuitCommand;
import org.loftmail.pop3.command.RetrCommand;
import org.loftmail.pop3.command.RsetCommand;
import org.loftmail.pop3.command.StatCommand;
import org.loftmail.pop3.command.TopCommand;
import org.loftmail.pop3.command.UidlCommand;
import org.loftmail.pop3.login.AuthCommand;
import org.loftmail.pop3.login.CapaCommand;
import org.loftmail.pop3.login.PassCommand;
import org.loftmail.pop3.login.StlsCommand;
import org.loftmail.pop3.login.UserCommand;

/**
 * Every POP3 command and the states it is allowed in. The session's dispatcher enforces the states; the handlers
 * do not check them again, and they receive a {@link Pop3Context}, never the session. LAST exists only with pop3_enable_last (the session asks {@link #lookup}).
 */
public final class CommandTable {

    /** A command and where it may run. */
    public record Entry(String keyword, Set<Pop3State> states, Pop3Command command) {}

    private static final Set<Pop3State> AUTH = EnumSet.of(Pop3State.AUTHORIZATION);
    private static final Set<Pop3State> TRANS = EnumSet.of(Pop3State.TRANSACTION);
    private static final Set<Pop3State> BOTH = EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            entry("CAPA", BOTH, new CapaCommand()),
            entry("QUIT", BOTH, new QuitCommand()),
            entry("STLS", AUTH, new StlsCommand()),
            entry("USER", AUTH, new UserCommand()),
            entry("PASS", AUTH, new PassCommand()),
            entry("AUTH", AUTH, new AuthCommand()),
            entry("STAT", TRANS, new StatCommand()),
            entry("LIST", TRANS, new ListCommand()),
            entry("RETR", TRANS, new RetrCommand()),
            entry("TOP", TRANS, new TopCommand()),
            entry("DELE", TRANS, new DeleCommand()),
            entry("NOOP", TRANS, new NoopCommand()),
            entry("RSET", TRANS, new RsetCommand()),
            entry("UIDL", TRANS, new UidlCommand()),
            entry("LAST", TRANS, new LastCommand()));

    private CommandTable() {}

    private static Map.Entry<String, Entry> entry(String keyword, Set<Pop3State> states, Pop3Command command) {
        return Map.entry(keyword, new Entry(keyword, states, command));
    }

    /** The command for {@code keyword} if it may run in {@code state} with these settings. */
    public static Optional<Entry> lookup(String keyword, Pop3State state, boolean lastEnabled) {
        Entry e = ENTRIES.get(keyword);
        if (e == null || !e.states().contains(state) || keyword.equals("LAST") && !lastEnabled) {
            return Optional.empty();
        }
        return Optional.of(e);
    }
}
