package org.loftmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loftmail.core.log.MailLog;
import org.loftmail.smtp.codec.CommandLine;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.command.DataCommand;
import org.loftmail.smtp.server.command.MailCommand;
import org.loftmail.smtp.server.command.RsetCommand;
import org.loftmail.transport.Connection;

/** The table answers sequence errors for every dialect the same way; commands only run in their states. */
class CommandTableTest {

    @TempDir
    Path temp;

    private static final SmtpReply HELLO_FIRST = SmtpReply.of(503, "5.5.1", "Send EHLO first");

    private final List<String> replies = new ArrayList<>();
    private ServerTransaction<String> transaction;
    private CommandTable<ServerContext<String>> table;

    private final ServerContext<String> context = new ServerContext<>() {
        @Override
        public ServerTransaction<String> transaction() {
            return transaction;
        }

        @Override
        public void reply(SmtpReply reply) {
            replies.add(reply.summary());
        }

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException("no command under test uses the connection");
        }

        @Override
        public void quit() {
            replies.add("bye");
        }
    };

    @BeforeEach
    void setUp() {
        transaction = new ServerTransaction<>(new ServerLimits(temp, 0, 10, 1000), MailLog.of("smtp"));
        table = new CommandTable<ServerContext<String>>(HELLO_FIRST)
                .add("EHLO", (c, a) -> {
                    c.transaction().hello(a);
                    c.reply(SmtpReply.OK);
                }, CommandTable.ANY)
                .add("MAIL", new MailCommand(), EnumSet.of(ServerState.READY))
                .add("RCPT", (c, a) -> {
                    c.transaction().addRecipient(a);
                    c.reply(SmtpReply.OK_RCPT);
                }, EnumSet.of(ServerState.TRANSACTION), SmtpReply.MAIL_FIRST)
                .add("DATA", new DataCommand(), EnumSet.of(ServerState.TRANSACTION, ServerState.CHUNKING),
                        SmtpReply.MAIL_FIRST)
                .add("RSET", new RsetCommand(), CommandTable.ANY)
                .add("QUIT", (c, a) -> c.quit(), CommandTable.ANY);
    }

    private void run(String commands) {
        for (String line : commands.split(";")) {
            table.dispatch(context, CommandLine.parse(line.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MAIL FROM:<a@b>|503 5.5.1 Send EHLO first",
        "EHLO x;RCPT x@y|503 5.5.1 MAIL needed first",
        "EHLO x;DATA|503 5.5.1 MAIL needed first",
        "EHLO x;MAIL FROM:<a@b>;MAIL FROM:<a@b>|503 5.5.1 MAIL already given",
        "EHLO x;HELP|500 5.5.1 Unknown command",
        "EHLO x;MAIL FROM:<a@b>;RSET;RCPT x@y|503 5.5.1 MAIL needed first",
        "EHLO x;MAIL FROM:<a@b>;RCPT x@y;DATA|354 OK",
        "rset|250 2.0.0 OK",
        "quit|bye"})
    void sequenceErrorsAndTheCommandsThatRun(String commands, String lastReply) {
        run(commands);
        assertThat(replies.get(replies.size() - 1)).isEqualTo(lastReply);
    }
}
