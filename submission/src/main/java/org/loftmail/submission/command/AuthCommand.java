package org.loftmail.submission.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.auth.SaslSession;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerState;

/**
 * RFC 4954 {@code AUTH mechanism [initial-response]} with every mechanism the auth service has enabled; the initial
 * response "=" is an empty one. Plaintext mechanisms are refused before TLS unless disable_plaintext_auth = no (or
 * the client is local or in login_trusted_networks); with ssl = required nothing is accepted before TLS. Failures
 * raise the client address's penalty in the auth service, as IMAP's and POP3's do.
 */
final class AuthCommand implements ServerCommand<SubmissionContext> {

    @Override
    public void execute(SubmissionContext context, String arguments) {
        if (context.user() != null) {
            context.reply(SubmissionReplies.ALREADY_AUTHENTICATED);
            return;
        }
        if (context.transaction().state() != ServerState.READY) {
            context.reply(SubmissionReplies.AUTH_IN_TRANSACTION);
            return;
        }
        if (tlsRequiredFirst(context)) {
            context.reply(SubmissionReplies.TLS_FIRST);
            return;
        }
        String args = arguments.trim();
        int space = args.indexOf(' ');
        String mechanism = (space < 0 ? args : args.substring(0, space)).toUpperCase(Locale.ROOT);
        if (mechanism.isEmpty()) {
            context.reply(org.loftmail.smtp.codec.SmtpReply.of(501, "5.5.4", "Missing authentication mechanism"));
            return;
        }
        Optional<byte[]> initial = Optional.empty();
        if (space >= 0) {
            String ir = args.substring(space + 1).trim();
            if (ir.equals("=")) {
                initial = Optional.of(new byte[0]);
            } else {
                try {
                    initial = Optional.of(Base64.getDecoder().decode(ir.getBytes(StandardCharsets.ISO_8859_1)));
                } catch (IllegalArgumentException e) {
                    context.reply(SubmissionReplies.BAD_BASE64);
                    return;
                }
            }
        }
        Optional<SaslSession> sasl = context.auth().startSasl(context.clientInfo(), mechanism);
        if (sasl.isEmpty()) {
            context.reply(SubmissionReplies.UNSUPPORTED_MECHANISM);
            return;
        }
        context.login().attempt(mechanism);
        SaslDialog dialog = new SaslDialog(context, sasl.get());
        dialog.start(initial);
    }

    /** ssl = required: no authentication before TLS, except from this machine (as Dovecot). */
    static boolean tlsRequiredFirst(SubmissionContext context) {
        var c = context.connection();
        return context.settings().sslRequired() && !c.isSecure() && !c.remoteIp().equals(c.localIp());
    }
}
