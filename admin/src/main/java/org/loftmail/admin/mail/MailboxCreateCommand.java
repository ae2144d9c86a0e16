package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.SpecialUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailbox create [-s] [--special-use X] -u USER NAME…}: creates mailboxes (and subscribes them with -s). */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create mailboxes.",
        footer = {"", "Example:  adm mailbox create -u jsmith -s Spam"})
public final class MailboxCreateCommand extends MailCommand {

    @Option(names = "-s", description = "Subscribe them too.")
    boolean subscribe;

    @Option(names = "--special-use", paramLabel = "FLAG", description = "RFC 6154 special use, e.g. \\Junk (repeatable).")
    List<String> specialUse = new ArrayList<>();

    @Option(names = "-g", paramLabel = "GUID", description = "Not supported: Loft gives new mailboxes their own GUID.")
    String guid;

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names = new ArrayList<>();

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected String usageProblem() {
        if (guid != null) {
            return "-g (choosing a mailbox GUID) is not supported by Loft";
        }
        for (String s : specialUse) {
            if (SpecialUse.fromImapName(s).isEmpty()) {
                return "Unknown special use: " + s;
            }
        }
        return null;
    }

    @Override
    protected int run(MailContext ctx) {
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        specialUse.forEach(s -> uses.add(SpecialUse.fromImapName(s).orElseThrow()));
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                MailboxName parsed = ctx.parse(name);
                ctx.storage().create(parsed, uses);
                if (subscribe) {
                    ctx.storage().subscribe(parsed);
                }
            } catch (Exception e) {
                ctx.error("Can't create mailbox " + name + ": " + reason(e));
                exit = ExitCodes.worst(exit, exitCode(e));
            }
        }
        return exit;
    }

    /** Dovecot's wording: "Mailbox already exists", without the name the storage adds. */
    static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof org.loftmail.core.storage.MailboxExistsException) {
            return "Mailbox already exists";
        }
        return m;
    }
}
