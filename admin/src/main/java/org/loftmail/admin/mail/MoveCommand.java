package org.loftmail.admin.mail;

import picocli.CommandLine.Command;

/** {@code move -u USER DESTINATION QUERY}. */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Move messages (doveadm move).",
        footer = {"", "Example:  adm move -u jsmith Archive mailbox INBOX before 365d"})
public final class MoveCommand extends TransferCommand {
    @Override
    boolean move() {
        return true;
    }
}
