package org.loftmail.managesieve;

import static org.loftmail.managesieve.ManageSieveState.AUTHENTICATED;
import static org.loftmail.managesieve.ManageSieveState.NOT_AUTHENTICATED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.managesieve.command.CapabilityCommand;
import org.loftmail.managesieve.command.DeleteScriptCommand;
import org.loftmail.managesieve.command.GetScriptCommand;
import org.loftmail.managesieve.command.HaveSpaceCommand;
import org.loftmail.managesieve.command.ListScriptsCommand;
import org.loftmail.managesieve.command.LogoutCommand;
import org.loftmail.managesieve.command.NoopCommand;
import org.loftmail.managesieve.command.PutScriptCommand;
import org.loftmail.managesieve.command.RenameScriptCommand;
import org.loftmail.managesieve.command.SetActiveCommand;
import org.loftmail.managesieve.command.UnauthenticateCommand;
import org.loftmail.managesieve.login.AuthenticateCommand;
import org.loftmail.managesieve.login.StartTlsCommand;

/**
 * Every ManageSieve command (RFC 5804 section 2) with the states it may run in and whether it uploads a script
 * (its literal may be as large as {@code sieve_max_script_size} rather than a line). The session enforces the states
 * before any literal of the command is read.
 */
public final class CommandTable {

    /** A command and where it may run. */
    public record Entry(ManageSieveCommand command, Set<ManageSieveState> states, boolean uploadsScript) {}

    private static final Set<ManageSieveState> ANY = EnumSet.allOf(ManageSieveState.class);
    private static final Set<ManageSieveState> BEFORE = EnumSet.of(NOT_AUTHENTICATED);
    private static final Set<ManageSieveState> AFTER = EnumSet.of(AUTHENTICATED);

    private static final Map<String, Entry> TABLE = Map.ofEntries(
            Map.entry("CAPABILITY", new Entry(new CapabilityCommand(), ANY, false)),      // 2.4
            Map.entry("AUTHENTICATE", new Entry(new AuthenticateCommand(), BEFORE, false)), // 2.1
            Map.entry("STARTTLS", new Entry(new StartTlsCommand(), BEFORE, false)),       // 2.2
            Map.entry("LOGOUT", new Entry(new LogoutCommand(), ANY, false)),              // 2.3
            Map.entry("NOOP", new Entry(new NoopCommand(), ANY, false)),                  // 2.13
            Map.entry("HAVESPACE", new Entry(new HaveSpaceCommand(), AFTER, false)),      // 2.5
            Map.entry("PUTSCRIPT", new Entry(PutScriptCommand.put(), AFTER, true)),       // 2.6
            Map.entry("LISTSCRIPTS", new Entry(new ListScriptsCommand(), AFTER, false)),  // 2.7
            Map.entry("SETACTIVE", new Entry(new SetActiveCommand(), AFTER, false)),      // 2.8
            Map.entry("GETSCRIPT", new Entry(new GetScriptCommand(), AFTER, false)),      // 2.9
            Map.entry("DELETESCRIPT", new Entry(new DeleteScriptCommand(), AFTER, false)), // 2.10
            Map.entry("RENAMESCRIPT", new Entry(new RenameScriptCommand(), AFTER, false)), // 2.11
            Map.entry("CHECKSCRIPT", new Entry(PutScriptCommand.check(), AFTER, true)),   // 2.12
            Map.entry("UNAUTHENTICATE", new Entry(new UnauthenticateCommand(), AFTER, false))); // 2.14.1

    private CommandTable() {}

    /** The command by its (upper-case) name, if it may run in {@code state}. */
    public static Optional<Entry> lookup(String name, ManageSieveState state) {
        Entry e = TABLE.get(name);
        return e != null && e.states().contains(state) ? Optional.of(e) : Optional.empty();
    }
}
