package org.loftmail.managesieve;

/** RFC 5804's two states: before and after AUTHENTICATE. */
public enum ManageSieveState {
    NOT_AUTHENTICATED,
    AUTHENTICATED
}
