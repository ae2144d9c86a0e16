package org.loftmail.submission.command;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.Extensions;
import org.loftmail.smtp.server.ServerCommand;

/**
 * RFC 5321 section 4.1.1.1 EHLO and HELO: the client's name, and (EHLO) the service extensions in Dovecot's order:
 * 8BITMIME (when the relay carries it, {@code submission_backend_capabilities}), AUTH with the mechanisms usable on
 * this connection until the client has logged in (RFC 4954), CHUNKING, ENHANCEDSTATUSCODES, PIPELINING, SIZE, and
 * STARTTLS while TLS is possible and not yet on. A new hello resets the transaction.
 */
final class EhloCommand implements ServerCommand<SubmissionContext> {

    private final boolean extended;

    EhloCommand(boolean extended) {
        this.extended = extended;
    }

    @Override
    public void execute(SubmissionContext context, String arguments) {
        String name = arguments.trim();
        if (name.isEmpty() || name.contains(" ") || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            context.reply(SmtpReply.of(501, "5.5.4", "Invalid domain name"));
            return;
        }
        context.transaction().hello(name);
        context.outbound().reset();
        context.oldHelo(!extended);
        if (!extended) {
            context.reply(SmtpReply.of(250, "", context.settings().hostname()));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(context.settings().hostname());
        boolean secure = context.connection().isSecure();
        for (String ext : Extensions.lines(context.transaction().limits(), context.connection().canStartTls())) {
            if (ext.equals("8BITMIME") && !context.settings().offer8BitMime()) {
                continue;
            }
            if (ext.equals("STARTTLS") && (secure || context.user() != null)) {
                continue;
            }
            if (ext.equals("CHUNKING") && context.user() == null) {
                authLine(context).ifPresent(lines::add);
            }
            lines.add(ext);
        }
        context.reply(new SmtpReply(250, "", lines));
    }

    /** "AUTH PLAIN LOGIN", or nothing when no mechanism may be used here yet (ssl = required before TLS). */
    private static java.util.Optional<String> authLine(SubmissionContext context) {
        if (AuthCommand.tlsRequiredFirst(context)) {
            return java.util.Optional.empty();
        }
        List<String> mechanisms = context.auth().advertisedMechanisms(context.clientInfo());
        return mechanisms.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("AUTH " + String.join(" ", mechanisms));
    }
}
