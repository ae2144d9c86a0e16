package org.loftmail.pop3;

/** RFC 1939's session states. UPDATE is entered by QUIT and ends the session, so no command runs in it. */
public enum Pop3State {
    AUTHORIZATION,
    TRANSACTION,
    UPDATE
}
