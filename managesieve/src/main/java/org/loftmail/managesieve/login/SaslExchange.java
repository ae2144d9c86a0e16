package org.loftmail.managesieve.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.SaslSession;
import org.loftmail.managesieve.LoginState;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/**
 * One AUTHENTICATE exchange (RFC 5804 section 2.1): challenges go out as quoted base64 strings, the client answers
 * with a string (quoted or literal) of base64, or {@code "*"} to abort. Data the mechanism still has at success
 * (SCRAM's server-final message) goes in the {@code OK (SASL "…")} response code.
 */
final class SaslExchange implements LoginState.PendingExchange {

    private final ManageSieveContext ctx;
    private final SaslSession sasl;

    SaslExchange(ManageSieveContext ctx, SaslSession sasl) {
        this.ctx = ctx;
        this.sasl = sasl;
    }

    void start(Optional<byte[]> initialResponse) {
        handle(sasl.start(initialResponse));
    }

    @Override
    public void onResponse(List<Arguments.Arg> response) {
        if (response.size() != 1 || !(response.get(0) instanceof Arguments.Arg.Str s)) {
            sasl.cancel();
            done();
            ctx.login().failed(null);
            ctx.writer().no("Invalid AUTHENTICATE client response.");
            return;
        }
        String text = new String(s.bytes(), StandardCharsets.ISO_8859_1);
        if (text.equals("*")) {
            sasl.cancel();
            done();
            ctx.writer().no("Authentication aborted by client.");
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            sasl.cancel();
            done();
            ctx.login().failed(null);
            ctx.writer().no("Invalid AUTHENTICATE client response.");
            return;
        }
        handle(sasl.respond(decoded));
    }

    private void handle(SaslSession.Reply reply) {
        switch (reply) {
            case SaslSession.Reply.Challenge c -> ctx.writer().stringLine(
                    Base64.getEncoder().encode(c.data()), false);
            case SaslSession.Reply.Done d -> finished(d);
        }
    }

    private void finished(SaslSession.Reply.Done done) {
        done();
        if (done.result() instanceof AuthResult.Success success) {
            ctx.loggedIn(success, sasl.mechanism(), done.additionalData());
            return;
        }
        AuthResult.Failure failure = (AuthResult.Failure) done.result();
        if (failure.kind() == AuthResult.Kind.PLAINTEXT_DISABLED) {
            ctx.login().triedDisallowedPlaintext(failure.user());
        } else {
            ctx.login().failed(failure.user());
        }
        LoginPolicy.answerFailure(ctx, failure);
    }

    private void done() {
        ctx.login().endSasl();
    }
}
