package org.loftmail.core.mail;

/** How STORE combines the given flags with the stored ones (FLAGS, +FLAGS, -FLAGS). */
public enum FlagChange {
    REPLACE,
    ADD,
    REMOVE
}
