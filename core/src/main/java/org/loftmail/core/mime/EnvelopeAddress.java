package org.loftmail.core.mime;

/**
 * One address of an IMAP ENVELOPE address list (RFC 3501 section 7.4.2), as byte strings; null is NIL.
 * A group starts with {@code (NIL NIL "group name" NIL)} and ends with {@code (NIL NIL NIL NIL)}.
 */
public record EnvelopeAddress(String name, String route, String mailbox, String host) {
    public static final EnvelopeAddress GROUP_END = new EnvelopeAddress(null, null, null, null);

    public static EnvelopeAddress groupStart(String groupName) {
        return new EnvelopeAddress(null, null, groupName, null);
    }

    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    /** {@code mailbox@host}, or null for group markers. */
    public String addrSpec() {
        return host == null ? null : mailbox + "@" + host;
    }
}
