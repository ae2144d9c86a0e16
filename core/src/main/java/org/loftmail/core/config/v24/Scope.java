package org.loftmail.core.config.v24;

import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;

/** A block of the 2.4 file being translated, with the blocks around it ({@code $SET:name} looks outwards). */
record Scope(Scope parent, ConfigSection section) {

    /** The value written for {@code key} in this block or the nearest enclosing one, or null. */
    ConfigValue lookup(String key) {
        for (Scope s = this; s != null; s = s.parent) {
            ConfigValue v = s.section.settings().get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    Scope enter(ConfigSection child) {
        return new Scope(this, child);
    }
}
