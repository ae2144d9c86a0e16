package org.loftmail.auth;

import java.util.Objects;
import java.util.Optional;
import org.loftmail.auth.sasl.FailureKind;
import org.loftmail.auth.sasl.SaslExchange;
import org.loftmail.auth.sasl.SaslMechanism;
import org.loftmail.auth.sasl.SaslStep;

/**
 * One SASL authentication as a protocol drives it (IMAP AUTHENTICATE, SMTP AUTH, the auth
 * socket's AUTH/CONT): feed it the client's decoded messages, send back challenges, and at the
 * end get an {@link AuthResult}. The penalty wait, the failure delay and the penalty update
 * happen here once per attempt. Blocking; one thread at a time.
 */
public final class SaslSession {

    /** What to tell the client next. */
    public sealed interface Reply {
        /** Send this challenge and feed the response to {@link #respond}. */
        record Challenge(byte[] data) implements Reply {}

        /**
         * The exchange is over. {@code additionalData} (SCRAM's server-final message) must still
         * reach the client with the success, or as a last challenge; empty otherwise.
         */
        record Done(AuthResult result, Optional<byte[]> additionalData) implements Reply {}
    }

    private final AuthService service;
    private final ClientInfo client;
    private final SaslMechanism mechanism;
    private final SessionPassdb passdb;
    private SaslExchange exchange;
    private boolean done;

    SaslSession(AuthService service, ClientInfo client, SaslMechanism mechanism) {
        this.service = service;
        this.client = client;
        this.mechanism = mechanism;
        this.passdb = new SessionPassdb(service, client);
    }

    public String mechanism() {
        return mechanism.name();
    }

    /** Starts with the client's initial response, if it sent one (an empty array is an empty response). */
    public Reply start(Optional<byte[]> initialResponse) {
        if (exchange != null || done) {
            return finish(new AuthResult.Failure(AuthResult.Kind.MALFORMED, null, null), Optional.empty(), false);
        }
        if (mechanism.plaintext() && !service.plaintextAllowed(client)) {
            service.logPlaintextDisabled(client, mechanism.name());
            done = true;
            return new Reply.Done(AuthResult.failure(AuthResult.Kind.PLAINTEXT_DISABLED, null), Optional.empty());
        }
        service.waitPenalty(client);
        exchange = mechanism.newExchange(passdb.context(), passdb);
        return map(exchange.start(Objects.requireNonNull(initialResponse, "initialResponse")));
    }

    public Reply respond(byte[] response) {
        if (exchange == null || done) {
            return finish(new AuthResult.Failure(AuthResult.Kind.MALFORMED, null, null), Optional.empty(), false);
        }
        return map(exchange.respond(response));
    }

    /** The client gave up ("*" or CANCEL): a failure without penalty. */
    public Reply cancel() {
        done = true;
        return new Reply.Done(new AuthResult.Failure(AuthResult.Kind.MALFORMED, null, null), Optional.empty());
    }

    public boolean isDone() {
        return done;
    }

    private Reply map(SaslStep step) {
        return switch (step) {
            case SaslStep.Challenge c -> new Reply.Challenge(c.data());
            case SaslStep.Success s -> {
                AuthResult.Success known = passdb.lastSuccess();
                AuthResult.Success result = known != null && known.user().equals(s.user())
                        ? known
                        : new AuthResult.Success(s.user(), null, s.fields(), java.util.Map.of());
                yield finish(result, s.additionalData(), true);
            }
            case SaslStep.Failure f -> {
                AuthResult.Failure known = passdb.lastFailure();
                AuthResult.Failure result = known != null
                        ? withMessage(known, f.clientMessage())
                        : new AuthResult.Failure(kind(f.kind()), null, f.clientMessage().orElse(null));
                yield finish(result, Optional.empty(), true);
            }
        };
    }

    private static AuthResult.Failure withMessage(AuthResult.Failure f, Optional<String> message) {
        return f.clientMessage() == null && message.isPresent() ? new AuthResult.Failure(f.kind(), f.user(), message.get()) : f;
    }

    private Reply finish(AuthResult result, Optional<byte[]> additional, boolean record) {
        done = true;
        if (record) {
            service.recordOutcome(client, result);
        }
        return new Reply.Done(result, additional);
    }

    static AuthResult.Kind kind(FailureKind kind) {
        return switch (kind) {
            case CREDENTIALS -> AuthResult.Kind.INVALID_CREDENTIALS;
            case MALFORMED -> AuthResult.Kind.MALFORMED;
            case TEMPORARY -> AuthResult.Kind.TEMPORARY;
            case NOT_AUTHORIZED -> AuthResult.Kind.NOT_AUTHORIZED;
            case USER_DISABLED -> AuthResult.Kind.DISABLED;
            case PASSWORD_EXPIRED -> AuthResult.Kind.PASSWORD_EXPIRED;
        };
    }
}
