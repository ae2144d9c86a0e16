package org.loftmail.core.config;

import java.util.Map;
import java.util.Set;

/** The names the {@code protocols} setting takes, and the services that serve them. */
public final class Protocols {

    private Protocols() {}

    /** Every protocol name Dovecot 2.3 knows in {@code protocols}. */
    public static final Set<String> KNOWN = Set.of("imap", "pop3", "lmtp", "submission", "sieve");

    /** The protocols Loft serves today. Add a name here when its module lands. */
    public static final Set<String> SUPPORTED = Set.of("imap", "pop3", "lmtp", "submission", "sieve");

    /** The service that accepts connections for each protocol (Dovecot's service names). */
    public static final Map<String, String> LISTENING_SERVICE = Map.of(
            "imap", "imap-login",
            "pop3", "pop3-login",
            "lmtp", "lmtp",
            "submission", "submission-login",
            "sieve", "managesieve-login");
}
