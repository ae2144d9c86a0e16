package org.loftmail.auth.sasl;

import java.util.Optional;

/**
 * A mechanism's own conversation logic. {@link GuardedExchange} feeds it: it enforces the step
 * order and the size limit and turns anything thrown into a failure, so dialogs only parse and
 * decide.
 */
interface MechanismDialog {

    /** The first step: the initial response if the client sent one. */
    SaslStep begin(Optional<byte[]> initialResponse);

    /** Every later client message, in order, until a final step. */
    SaslStep receive(byte[] response);
}
