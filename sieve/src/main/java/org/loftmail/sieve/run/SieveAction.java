package org.loftmail.sieve.run;

import java.util.List;
import java.util.Set;

/** What a script decided, before the delivery turns it into {@code core.delivery} actions. */
public sealed interface SieveAction {

    /** keep (explicit or implicit), with imap4flags' flags as strings ({@code \Seen}, {@code $Junk}). */
    record Keep(Set<String> flags) implements SieveAction {}

    record FileInto(String mailbox, Set<String> flags, boolean create) implements SieveAction {}

    record Redirect(String address) implements SieveAction {}

    record Discard() implements SieveAction {}

    record Reject(String reason, boolean ereject) implements SieveAction {}

    /** RFC 5230 / RFC 6131: the reply is composed, tracked and sent by the delivery side. */
    record Vacation(String reason, long periodSeconds, String subject, String from, List<String> addresses,
            boolean mime, String handle) implements SieveAction {}

    /** RFC 5435 with the mailto method (RFC 5436). */
    record Notify(String method, String from, String importance, List<String> options, String message)
            implements SieveAction {}
}
