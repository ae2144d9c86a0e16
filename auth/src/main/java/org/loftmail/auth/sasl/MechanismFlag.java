package org.loftmail.auth.sasl;

/** Security properties of a mechanism, named as Dovecot's auth socket advertises them on {@code MECH} lines. */
public enum MechanismFlag {
    /** The password crosses the wire (Dovecot's {@code disable_plaintext_auth} refuses these without TLS). */
    PLAINTEXT("plaintext"),
    /** Open to passive dictionary attacks. */
    DICTIONARY("dictionary"),
    /** Open to active (non-dictionary) attacks. */
    ACTIVE("active"),
    /** Lets anyone in without credentials. */
    ANONYMOUS("anonymous"),
    /** Not offered to clients in capability lists. */
    PRIVATE("private"),
    FORWARD_SECRECY("forward-secrecy"),
    /** The server proves it knows the password too. */
    MUTUAL_AUTH("mutual-auth");

    private final String wireName;

    MechanismFlag(String wireName) {
        this.wireName = wireName;
    }

    /** The name on Dovecot's {@code MECH} line. */
    public String wireName() {
        return wireName;
    }
}
