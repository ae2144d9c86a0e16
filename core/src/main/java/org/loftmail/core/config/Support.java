package org.loftmail.core.config;

/** What Loft does with a setting Dovecot knows. */
public enum Support {
    /** Loft reads the setting and behaves as Dovecot does. */
    HONOURED,
    /** The setting tunes Dovecot's process model only; accepted with one warning line, no effect in one JVM. */
    PROCESS_MODEL,
    /** Loft has no use for it (its own mechanism covers the need); accepted with one warning line. */
    NOT_NEEDED,
    /**
     * The feature is planned and its settings are Dovecot's, but it does not run yet (the Sieve engine):
     * accepted with one warning saying so, as issue 6 asks for {@code mail_plugins = sieve}.
     */
    PLANNED,
    /**
     * Loft does not have the feature yet: setting it to anything but Dovecot's default is an error
     * ("Loft does not support X yet"). Leaving it at the default changes nothing and is accepted.
     */
    UNSUPPORTED
}
