package org.loftmail.managesieve.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.auth.SaslSession;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/** AUTHENTICATE mechanism [initial-response] (RFC 5804 section 2.1), through the auth service's SASL mechanisms. */
public final class AuthenticateCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (args.size() < 1) {
            ctx.commandError("Missing arguments.");
            return;
        }
        if (args.size() > 2) {
            ctx.commandError("Too many arguments.");
            return;
        }
        Optional<String> mech = args.string(0);
        if (mech.isEmpty()) {
            ctx.commandError("Invalid arguments.");
            return;
        }
        if (LoginPolicy.tlsRequiredFirst(ctx)) {
            ctx.writer().no("ENCRYPT-NEEDED", LoginPolicy.SSL_REQUIRED);
            return;
        }
        String mechanism = mech.get().toUpperCase(Locale.ROOT);
        Optional<byte[]> initial = Optional.empty();
        if (args.size() == 2) {
            Optional<byte[]> ir = args.bytes(1);
            if (ir.isEmpty()) {
                ctx.writer().no("Invalid AUTHENTICATE initial response.");
                return;
            }
            try {
                initial = Optional.of(Base64.getDecoder().decode(new String(ir.get(), StandardCharsets.ISO_8859_1)));
            } catch (IllegalArgumentException e) {
                ctx.writer().no("Invalid AUTHENTICATE initial response.");
                return;
            }
        }
        Optional<SaslSession> sasl = ctx.auth().startSasl(ctx.clientInfo(), mechanism);
        if (sasl.isEmpty()) {
            ctx.writer().no("Unsupported authentication mechanism.");
            return;
        }
        ctx.login().attempt(mechanism);
        SaslExchange exchange = new SaslExchange(ctx, sasl.get());
        ctx.login().startSasl(exchange);
        exchange.start(initial);
    }
}
