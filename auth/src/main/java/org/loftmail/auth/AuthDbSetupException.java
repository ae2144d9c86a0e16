package org.loftmail.auth;

import java.util.function.Supplier;

/**
 * A passdb or userdb block that could not be set up (an unknown driver, args its driver refuses, a bad
 * default_fields template). It names the block by its type and position, and the key whose value is wrong, so the
 * server can report the line of that key in that block (docs/adr/0103); the message is unchanged.
 */
public final class AuthDbSetupException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String section;
    private final int index;
    private final String key;

    AuthDbSetupException(String section, int index, String key, IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
        this.section = section;
        this.index = index;
        this.key = key;
    }

    /** {@code passdb} or {@code userdb}. */
    public String section() {
        return section;
    }

    /** The block's position among the blocks of its type, from 0, in configuration order. */
    public int index() {
        return index;
    }

    /** The key inside the block: {@code driver}, {@code args}, {@code default_fields} or {@code override_fields}. */
    public String key() {
        return key;
    }

    /** Runs one step of setting up block {@code index} of {@code section}; its refusal is about {@code key}. */
    static <T> T about(String section, int index, String key, Supplier<T> step) {
        try {
            return step.get();
        } catch (AuthDbSetupException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new AuthDbSetupException(section, index, key, e);
        }
    }
}
