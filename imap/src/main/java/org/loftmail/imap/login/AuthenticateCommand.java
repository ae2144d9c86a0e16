package org.loftmail.imap.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.SaslSession;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ContinuationHandler;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.LoginCompleter;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * AUTHENTICATE (RFC 3501 section 6.2.2) with SASL-IR (RFC 4959): {@code =} is an empty initial response, {@code *}
 * cancels. The mechanisms are the auth service's ({@code auth_mechanisms}); challenges and responses are base64.
 * Data a mechanism sends with its success (SCRAM's server signature) goes out as a last challenge, since IMAP has no
 * success data; the login completes only when the client answers it, so a client that rejects the signature with
 * {@code *} is not logged in.
 */
public final class AuthenticateCommand implements ImapCommand {

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        String mechanism = args.atom();
        Optional<byte[]> initial = Optional.empty();
        if (!args.atEnd()) {
            args.sp();
            String ir = args.readWhile(c -> c > 0x20 && c < 0x7f);
            args.end();
            if (ir.equals("=")) {
                initial = Optional.of(new byte[0]);
            } else {
                Optional<byte[]> decoded = decode(ir);
                if (decoded.isEmpty()) return Completion.bad("Invalid base64 data in initial response");
                initial = decoded;
            }
        }
        Optional<SaslSession> session = ctx.auth().startSasl(ctx.clientInfo(), mechanism);
        if (session.isEmpty()) return Completion.no("Unsupported authentication mechanism.");
        Exchange exchange = new Exchange(ctx, tag, session.get());
        Completion done = exchange.handle(session.get().start(initial));
        if (done == null) ctx.continueWith(exchange);
        return done;
    }

    static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The exchange in progress: each client line answers the last challenge. */
    private static final class Exchange implements ContinuationHandler {
        private final ImapContext ctx;
        private final String tag;
        private final SaslSession session;
        private AuthResult awaitingFinalAnswer;

        Exchange(ImapContext ctx, String tag, SaslSession session) {
            this.ctx = ctx;
            this.tag = tag;
            this.session = session;
        }

        @Override
        public String tag() {
            return tag;
        }

        Completion handle(SaslSession.Reply reply) {
            switch (reply) {
                case SaslSession.Reply.Challenge c -> {
                    ctx.out().continuation(Base64.getEncoder().encodeToString(c.data()));
                    return null;
                }
                case SaslSession.Reply.Done d -> {
                    if (d.result() instanceof AuthResult.Success && d.additionalData().isPresent()) {
                        ctx.out().continuation(Base64.getEncoder().encodeToString(d.additionalData().get()));
                        awaitingFinalAnswer = d.result();
                        return null;
                    }
                    return LoginCompleter.complete(ctx, d.result(), session.mechanism(), null);
                }
            }
        }

        @Override
        public Completion onLine(byte[] line) {
            String text = new String(line, StandardCharsets.US_ASCII).trim();
            if (awaitingFinalAnswer != null) {
                if (text.equals("*")) return Completion.bad("Authentication aborted by client.");
                // RFC 4422 section 3: the client acknowledges the success data with an empty response
                AuthResult outcome = text.isEmpty() ? awaitingFinalAnswer
                        : new AuthResult.Failure(AuthResult.Kind.INVALID_CREDENTIALS, null, null);
                return LoginCompleter.complete(ctx, outcome, session.mechanism(), null);
            }
            if (text.equals("*")) {
                session.cancel();
                return Completion.bad("Authentication aborted by client.");
            }
            Optional<byte[]> data = decode(text);
            if (data.isEmpty()) {
                session.cancel();
                return Completion.bad("Invalid base64 data in continued response");
            }
            return handle(session.respond(data.get()));
        }
    }
}
