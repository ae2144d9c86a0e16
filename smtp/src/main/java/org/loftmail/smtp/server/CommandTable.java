package org.loftmail.smtp.server;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loftmail.smtp.codec.CommandLine;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * A dialect's commands with the states each is allowed in. The dispatcher enforces the states and answers the
 * sequence errors (in Dovecot's words); the commands do not check them again.
 */
public final class CommandTable<C extends ServerContext<?>> {

    /** Every state a command line can arrive in (DATA lines never reach the table). */
    public static final Set<ServerState> ANY = EnumSet.of(ServerState.GREETED, ServerState.READY,
            ServerState.TRANSACTION, ServerState.CHUNKING);

    private record Row<C>(ServerCommand<? super C> command, Set<ServerState> states, SmtpReply wrongState) {}

    private final Map<String, Row<C>> rows = new LinkedHashMap<>();
    private final SmtpReply helloFirst;

    /** {@code helloFirst}: the reply to a command before the dialect's hello (LHLO, EHLO). */
    public CommandTable(SmtpReply helloFirst) {
        this.helloFirst = helloFirst;
    }

    /** Adds a row; {@code wrongState} (may be null) is the reply outside {@code states} once greeted. */
    public CommandTable<C> add(String verb, ServerCommand<? super C> command, Set<ServerState> states,
            SmtpReply wrongState) {
        if (rows.putIfAbsent(verb, new Row<>(command, Set.copyOf(states), wrongState)) != null) {
            throw new IllegalArgumentException("verb listed twice: " + verb);
        }
        return this;
    }

    public CommandTable<C> add(String verb, ServerCommand<? super C> command, Set<ServerState> states) {
        return add(verb, command, states, null);
    }

    public SmtpReply helloFirst() {
        return helloFirst;
    }

    public void dispatch(C context, CommandLine line) {
        Row<C> row = rows.get(line.verb());
        if (row == null) {
            context.reply(SmtpReply.UNKNOWN_COMMAND);
            return;
        }
        ServerState state = context.transaction().state();
        if (!row.states().contains(state)) {
            context.reply(wrongState(row, state, line.verb()));
            return;
        }
        row.command().execute(context, line.arguments());
    }

    private SmtpReply wrongState(Row<C> row, ServerState state, String verb) {
        if (state == ServerState.GREETED) {
            return helloFirst;
        }
        if (verb.equals("MAIL")) {
            return SmtpReply.NESTED_MAIL;
        }
        if (state == ServerState.CHUNKING) {
            return SmtpReply.of(503, "5.5.1", "Bad sequence of commands: finish BDAT or send RSET");
        }
        return row.wrongState() != null ? row.wrongState() : SmtpReply.of(503, "5.5.1", "Bad sequence of commands");
    }
}
