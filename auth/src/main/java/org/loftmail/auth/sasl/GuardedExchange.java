package org.loftmail.auth.sasl;

import java.util.Objects;
import java.util.Optional;
import org.loftmail.auth.scheme.EventLoopGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SaslExchange} every mechanism hands out: it keeps the exchange's state (not started,
 * waiting for a response, finished), refuses calls out of order and messages over {@link
 * #MAX_RESPONSE_BYTES}, and makes sure nothing thrown by a mechanism or a passdb escapes.
 */
final class GuardedExchange implements SaslExchange {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedExchange.class);

    private enum State { NEW, WAITING, DONE }

    private final String mechanism;
    private final MechanismDialog dialog;
    private State state = State.NEW;

    GuardedExchange(String mechanism, MechanismDialog dialog) {
        this.mechanism = mechanism;
        this.dialog = dialog;
    }

    @Override
    public synchronized SaslStep start(Optional<byte[]> initialResponse) {
        if (state != State.NEW) {
            return finish(SaslStep.Failure.malformed(mechanism + ": exchange already started"));
        }
        if (initialResponse == null) {
            return finish(SaslStep.Failure.malformed(mechanism + ": no initial response given"));
        }
        if (initialResponse.isPresent() && initialResponse.get().length > MAX_RESPONSE_BYTES) {
            return finish(SaslStep.Failure.malformed(mechanism + ": initial response too long"));
        }
        return advance(() -> dialog.begin(initialResponse));
    }

    @Override
    public synchronized SaslStep respond(byte[] response) {
        if (state == State.NEW) {
            return finish(SaslStep.Failure.malformed(mechanism + ": response before the exchange started"));
        }
        if (state == State.DONE) {
            return finish(SaslStep.Failure.malformed(mechanism + ": response after the exchange ended"));
        }
        if (response == null) {
            return finish(SaslStep.Failure.malformed(mechanism + ": missing response"));
        }
        if (response.length > MAX_RESPONSE_BYTES) {
            return finish(SaslStep.Failure.malformed(mechanism + ": response too long (" + response.length + " bytes)"));
        }
        return advance(() -> dialog.receive(response));
    }

    private SaslStep advance(java.util.function.Supplier<SaslStep> step) {
        if (EventLoopGuard.onEventLoop()) {
            LOG.error("{}: SASL step called on event-loop thread {}; it blocks and belongs on the session's virtual thread",
                    mechanism, Thread.currentThread().getName());
            return finish(new SaslStep.Failure(FailureKind.TEMPORARY, Optional.empty(),
                    mechanism + ": called on an event-loop thread"));
        }
        SaslStep result;
        try {
            result = Objects.requireNonNull(step.get(), "mechanism returned no step");
        } catch (RuntimeException e) {
            LOG.error("{}: internal error during authentication", mechanism, e);
            result = new SaslStep.Failure(FailureKind.TEMPORARY, Optional.empty(), mechanism + ": internal error: " + e);
        }
        if (result.isFinal()) {
            state = State.DONE;
        } else {
            state = State.WAITING;
        }
        return result;
    }

    private SaslStep finish(SaslStep.Failure failure) {
        state = State.DONE;
        return failure;
    }
}
