package org.loftmail.admin.sieve;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import org.loftmail.admin.print.Header;
import org.loftmail.sieve.store.ScriptInfo;
import picocli.CommandLine.Command;

/** {@code sieve list -u USER}: the scripts, the active one marked ACTIVE, as Pigeonhole prints them. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List Sieve scripts.",
        footer = {"", "Example:  adm sieve list -u jsmith"})
public final class SieveListCommand extends SieveUserCommand {
    @Override
    protected List<Header> headers() {
        return List.of(Header.hidden("script"), Header.hidden("active"));
    }

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        for (ScriptInfo s : sieve.store().list()) {
            ctx.row().value(s.name()).value(s.active() ? "ACTIVE" : "");
        }
        return ExitCodes.OK;
    }
}
