package org.loftmail.admin.sieve;

import java.util.List;
import org.loftmail.admin.mail.MailCommand;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import org.loftmail.admin.print.Header;

/** A sieve command for each user: their script storage (the userdb's sieve field, else plugin { sieve }). */
abstract class SieveUserCommand extends MailCommand {

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected final int run(MailContext ctx) throws Exception {
        return run(ctx, ctx.users().sieve(ctx.user()));
    }

    protected abstract int run(MailContext ctx, SieveAccess sieve) throws Exception;
}
