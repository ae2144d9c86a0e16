package org.loftmail.auth.sasl;

/** The passdb chain's answer to {@link SaslPassdb#verifyPlain} and {@link SaslPassdb#lookupWithoutPassword}. */
public sealed interface VerifyResult permits Authenticated, Rejected, Unavailable {}
