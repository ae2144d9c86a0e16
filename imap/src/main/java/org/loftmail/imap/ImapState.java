package org.loftmail.imap;

/** RFC 3501 section 3 / RFC 9051 section 3: the connection states. */
public enum ImapState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
