package org.loftmail.core.config;

import java.util.Objects;

/**
 * A settings record's complaint about one setting, named by its Dovecot key. Thrown from compact constructors and
 * value parsers, which know which setting they check but not where it was written; {@link SettingsBinding} turns it
 * into a {@link ConfigException} at the line that set that key. The message is the whole text the user reads.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The setting that is wrong, e.g. {@code imap_max_line_length} or {@code quota_rule2}. */
    public String key() {
        return key;
    }
}
