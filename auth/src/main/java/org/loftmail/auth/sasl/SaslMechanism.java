package org.loftmail.auth.sasl;

import java.util.Set;

/** A SASL mechanism the server offers: its name, its flags, and a factory of exchanges. */
public interface SaslMechanism {

    /** The IANA name, upper case ({@code SCRAM-SHA-256}). */
    String name();

    /** Flags in the order Dovecot prints them on its {@code MECH} line. */
    Set<MechanismFlag> flags();

    /** Whether the password crosses the wire, so {@code disable_plaintext_auth} applies. */
    default boolean plaintext() {
        return flags().contains(MechanismFlag.PLAINTEXT);
    }

    /** Starts a new exchange for one authentication attempt. */
    SaslExchange newExchange(SaslRequestContext context, SaslPassdb passdb);
}
