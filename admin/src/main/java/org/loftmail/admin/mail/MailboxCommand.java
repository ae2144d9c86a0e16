package org.loftmail.admin.mail;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code adm mailbox}: doveadm's mailbox commands. */
@Command(name = "mailbox", mixinStandardHelpOptions = true, description = "Mailbox commands (doveadm mailbox).",
        footer = {"", "Example:  adm mailbox list -u jsmith"},
        subcommands = {MailboxListCommand.class, MailboxCreateCommand.class, MailboxDeleteCommand.class,
            MailboxRenameCommand.class, MailboxSubscribeCommand.class, MailboxUnsubscribeCommand.class,
            MailboxStatusCommand.class},
        exitCodeOnInvalidInput = 64)
public final class MailboxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing mailbox command (list, create, delete, rename, subscribe, unsubscribe, status)");
    }
}
