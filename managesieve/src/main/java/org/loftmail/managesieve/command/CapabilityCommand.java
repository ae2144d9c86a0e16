package org.loftmail.managesieve.command;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.ManageSieveState;
import org.loftmail.managesieve.codec.Arguments;

/** CAPABILITY (RFC 5804 section 2.4): the capability lines of the current state, then OK. */
public final class CapabilityCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 0)) return;
        if (ctx.state() == ManageSieveState.AUTHENTICATED) {
            ctx.capabilities().writeAfterLogin(ctx.writer());
        } else {
            writeBeforeLogin(ctx, ctx.connection().isSecure());
        }
        ctx.writer().ok("Capability completed.");
    }

    /**
     * The pre-login lines, also sent in the greeting and after STARTTLS; {@code secure} when TLS is (or, right after
     * STARTTLS, is about to be) on, which decides the SASL mechanisms and whether STARTTLS is offered.
     */
    public static void writeBeforeLogin(ManageSieveContext ctx, boolean secure) {
        boolean offerTls = ctx.connection().canStartTls() && !secure;
        ctx.capabilities().writeBeforeLogin(ctx.writer(),
                org.loftmail.managesieve.login.LoginPolicy.usableMechanisms(ctx, secure), offerTls);
    }
}
