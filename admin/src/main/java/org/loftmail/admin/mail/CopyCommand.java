package org.loftmail.admin.mail;

import picocli.CommandLine.Command;

/** {@code copy -u USER DESTINATION QUERY}. */
@Command(name = "copy", mixinStandardHelpOptions = true, description = "Copy messages (doveadm copy).",
        footer = {"", "Example:  adm copy -u jsmith Backup mailbox INBOX flagged"})
public final class CopyCommand extends TransferCommand {
    @Override
    boolean move() {
        return false;
    }
}
