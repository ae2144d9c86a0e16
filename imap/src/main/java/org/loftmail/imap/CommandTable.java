package org.loftmail.imap;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.imap.command.*;
import org.loftmail.imap.login.AuthenticateCommand;
import org.loftmail.imap.login.LoginCommand;
import org.loftmail.imap.login.StartTlsCommand;

/**
 * Every IMAP command Loft knows, with the states it is valid in, whether it uses sequence numbers (then no
 * EXPUNGE may be sent at its sync point, RFC 3501 section 7.4.1) and whether it streams its literals instead of
 * receiving them in memory (APPEND's messages). {@code UID} variants live in their own table. The session and the
 * dispatcher enforce all of this; commands do not check states.
 */
public final class CommandTable {

    /** One row of the table; {@code streamer} is empty for commands whose literals are read into memory. */
    public record Entry(String name, Set<ImapState> states, boolean usesSequenceNumbers, ImapCommand command,
            Optional<LiteralStreamer> streamer) {}

    private static final Set<ImapState> ANY =
            EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED, ImapState.SELECTED);
    private static final Set<ImapState> NOT_AUTH = EnumSet.of(ImapState.NOT_AUTHENTICATED);
    private static final Set<ImapState> AUTH = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    private static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

    private final Map<String, Entry> commands = new LinkedHashMap<>();
    private final Map<String, Entry> uidCommands = new LinkedHashMap<>();

    public CommandTable() {
        // any state (RFC 3501 6.1, RFC 2971 ID)
        add(commands, "CAPABILITY", ANY, false, new CapabilityCommand());
        add(commands, "NOOP", ANY, false, new NoopCommand());
        add(commands, "LOGOUT", ANY, false, new LogoutCommand());
        add(commands, "ID", ANY, false, new IdCommand());
        // not authenticated (6.2)
        add(commands, "STARTTLS", NOT_AUTH, false, new StartTlsCommand());
        add(commands, "LOGIN", NOT_AUTH, false, new LoginCommand());
        add(commands, "AUTHENTICATE", NOT_AUTH, false, new AuthenticateCommand());
        // authenticated (6.3)
        add(commands, "ENABLE", AUTH, false, new EnableCommand());
        add(commands, "SELECT", AUTH, false, new SelectCommand(false));
        add(commands, "EXAMINE", AUTH, false, new SelectCommand(true));
        add(commands, "CREATE", AUTH, false, new CreateCommand());
        add(commands, "DELETE", AUTH, false, new DeleteCommand());
        add(commands, "RENAME", AUTH, false, new RenameCommand());
        add(commands, "SUBSCRIBE", AUTH, false, new SubscribeCommand(true));
        add(commands, "UNSUBSCRIBE", AUTH, false, new SubscribeCommand(false));
        add(commands, "LIST", AUTH, false, new ListCommand(false));
        add(commands, "LSUB", AUTH, false, new ListCommand(true));
        add(commands, "NAMESPACE", AUTH, false, new NamespaceCommand());
        add(commands, "STATUS", AUTH, false, new StatusCommand());
        AppendCommand append = new AppendCommand();
        addStreaming(commands, "APPEND", AUTH, append, append);
        add(commands, "IDLE", AUTH, false, new IdleCommand());
        add(commands, "GETQUOTAROOT", AUTH, false, new GetQuotaRootCommand());
        add(commands, "GETQUOTA", AUTH, false, new GetQuotaCommand());
        add(commands, "COMPRESS", AUTH, false, new CompressCommand()); // RFC 4978
        add(commands, "UNAUTHENTICATE", AUTH, false, new UnauthenticateCommand()); // RFC 8437
        // selected (6.4)
        add(commands, "CHECK", SELECTED, false, new CheckCommand());
        add(commands, "CLOSE", SELECTED, false, new CloseCommand(true));
        add(commands, "UNSELECT", SELECTED, false, new CloseCommand(false));
        add(commands, "EXPUNGE", SELECTED, false, new ExpungeCommand(false));
        add(commands, "SEARCH", SELECTED, true, new SearchCommand(false));
        add(commands, "SORT", SELECTED, true, new SortCommand(false)); // RFC 5256, RFC 5267 ESORT
        add(commands, "THREAD", SELECTED, true, new ThreadCommand(false)); // RFC 5256
        add(commands, "FETCH", SELECTED, true, new FetchCommand(false));
        add(commands, "STORE", SELECTED, true, new StoreCommand(false));
        add(commands, "COPY", SELECTED, false, new CopyCommand(false, false));
        add(commands, "MOVE", SELECTED, false, new CopyCommand(false, true));
        // UID variants (6.4.8, RFC 4315 UID EXPUNGE, RFC 6851 UID MOVE)
        add(uidCommands, "EXPUNGE", SELECTED, false, new ExpungeCommand(true));
        add(uidCommands, "SEARCH", SELECTED, false, new SearchCommand(true));
        add(uidCommands, "SORT", SELECTED, false, new SortCommand(true));
        add(uidCommands, "THREAD", SELECTED, false, new ThreadCommand(true));
        add(uidCommands, "FETCH", SELECTED, false, new FetchCommand(true));
        add(uidCommands, "STORE", SELECTED, false, new StoreCommand(true));
        add(uidCommands, "COPY", SELECTED, false, new CopyCommand(true, false));
        add(uidCommands, "MOVE", SELECTED, false, new CopyCommand(true, true));
    }

    private static void add(Map<String, Entry> map, String name, Set<ImapState> states, boolean seq, ImapCommand c) {
        map.put(name, new Entry(name, Set.copyOf(states), seq, c, Optional.empty()));
    }

    private static void addStreaming(Map<String, Entry> map, String name, Set<ImapState> states, ImapCommand c,
            LiteralStreamer streamer) {
        map.put(name, new Entry(name, Set.copyOf(states), false, c, Optional.of(streamer)));
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public Optional<Entry> findUid(String name) {
        return Optional.ofNullable(uidCommands.get(name));
    }
}
