package org.loftmail.auth.sasl;

/** The passdb chain's answer to {@link SaslPassdb#lookupCredentials}. */
public sealed interface CredentialsResult permits CredentialsFound, Rejected, Unavailable {}
