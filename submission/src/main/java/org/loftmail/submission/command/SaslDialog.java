package org.loftmail.submission.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.SaslSession;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * One RFC 4954 exchange: challenges go out as {@code 334 base64}, the client answers with a base64 line or "*" to
 * cancel. Data the mechanism still has at success (SCRAM's server-final message) goes out as a last 334, answered
 * by an empty line, before 235.
 */
public final class SaslDialog {

    private final SubmissionContext context;
    private final SaslSession sasl;
    private AuthResult.Success pendingSuccess;

    SaslDialog(SubmissionContext context, SaslSession sasl) {
        this.context = context;
        this.sasl = sasl;
    }

    void start(Optional<byte[]> initialResponse) {
        handle(sasl.start(initialResponse));
    }

    /** The client's line while the exchange waits for it. */
    public void onResponse(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1).trim();
        if (text.equals("*")) {
            sasl.cancel();
            context.login().failed(null);
            context.reply(SubmissionReplies.AUTH_ABORTED);
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            sasl.cancel();
            context.login().failed(null);
            context.reply(SubmissionReplies.BAD_BASE64);
            return;
        }
        if (pendingSuccess != null) {
            if (decoded.length == 0) {
                context.loggedIn(pendingSuccess, sasl.mechanism());
            } else {
                context.login().failed(pendingSuccess.user());
                context.reply(SubmissionReplies.AUTH_FAILED);
            }
            return;
        }
        handle(sasl.respond(decoded));
    }

    private void handle(SaslSession.Reply reply) {
        switch (reply) {
            case SaslSession.Reply.Challenge c -> challenge(c.data());
            case SaslSession.Reply.Done d -> finished(d);
        }
    }

    private void challenge(byte[] data) {
        context.awaitSasl(this);
        context.reply(SmtpReply.of(334, "", Base64.getEncoder().encodeToString(data)));
    }

    private void finished(SaslSession.Reply.Done done) {
        if (done.result() instanceof AuthResult.Success success) {
            if (done.additionalData().isPresent()) {
                pendingSuccess = success;
                challenge(done.additionalData().get());
                return;
            }
            context.loggedIn(success, sasl.mechanism());
            return;
        }
        AuthResult.Failure failure = (AuthResult.Failure) done.result();
        switch (failure.kind()) {
            case PLAINTEXT_DISABLED -> {
                context.login().triedDisallowedPlaintext(sasl.mechanism());
                context.reply(SubmissionReplies.PLAINTEXT_DISALLOWED);
            }
            case TEMPORARY -> {
                context.login().failed(failure.user());
                context.reply(SubmissionReplies.AUTH_TEMPFAIL);
            }
            case MALFORMED -> {
                context.login().failed(failure.user());
                context.reply(SmtpReply.of(501, "5.5.2", "Invalid authentication data"));
            }
            default -> {
                context.login().failed(failure.user());
                context.reply(failure.clientMessage() != null
                        ? SmtpReply.of(535, "5.7.8", failure.clientMessage()) : SubmissionReplies.AUTH_FAILED);
            }
        }
    }
}
