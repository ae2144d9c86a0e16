package org.loftmail.pop3.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.SaslSession;
import org.loftmail.pop3.LoginState;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.ResponseCode;

/**
 * One AUTH exchange (RFC 5034): challenges go out as "+ base64", the client answers with a base64 line or "*" to
 * cancel. Data the mechanism still has for the client at success (SCRAM's server-final message) is sent as a last
 * challenge, answered by an empty line, since POP3 has no "additional data with success".
 */
final class SaslDialog implements LoginState.PendingExchange {

    private final Pop3Context ctx;
    private final SaslSession sasl;
    private boolean awaitingFinalAck;
    private AuthResult.Success pendingSuccess;

    SaslDialog(Pop3Context ctx, SaslSession sasl) {
        this.ctx = ctx;
        this.sasl = sasl;
    }

    void start(Optional<byte[]> initialResponse) {
        handle(sasl.start(initialResponse));
    }

    @Override
    public void onResponse(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        if (text.equals("*")) {
            sasl.cancel();
            done();
            ctx.writer().err("Authentication aborted by client.");
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            sasl.cancel();
            done();
            ctx.login().failed();
            ctx.writer().err(ResponseCode.AUTH, "Invalid base64 in response");
            return;
        }
        if (awaitingFinalAck) {
            done();
            if (decoded.length == 0) {
                ctx.loggedIn(pendingSuccess, sasl.mechanism());
            } else {
                ctx.login().failed();
                ctx.writer().err(ResponseCode.AUTH, "Authentication failed.");
            }
            return;
        }
        handle(sasl.respond(decoded));
    }

    private void handle(SaslSession.Reply reply) {
        switch (reply) {
            case SaslSession.Reply.Challenge c -> ctx.writer().continuation(encode(c.data()));
            case SaslSession.Reply.Done d -> finished(d);
        }
    }

    private void finished(SaslSession.Reply.Done done) {
        if (done.result() instanceof AuthResult.Success success) {
            if (done.additionalData().isPresent()) {
                awaitingFinalAck = true;
                pendingSuccess = success;
                ctx.writer().continuation(encode(done.additionalData().get()));
                return;
            }
            done();
            ctx.loggedIn(success, sasl.mechanism());
            return;
        }
        done();
        AuthResult.Failure failure = (AuthResult.Failure) done.result();
        if (failure.kind() == AuthResult.Kind.PLAINTEXT_DISABLED) {
            ctx.login().triedDisallowedPlaintext(failure.user(), sasl.mechanism());
            LoginPolicy.answerFailure(ctx, failure);
            return;
        }
        ctx.login().failed(failure.user());
        LoginPolicy.answerFailure(ctx, failure);
    }

    private void done() {
        ctx.login().endSasl();
    }

    private static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
