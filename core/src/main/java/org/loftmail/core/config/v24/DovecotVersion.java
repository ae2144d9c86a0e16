package org.loftmail.core.config.v24;

import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigValue;

/** A Dovecot version as {@code dovecot_config_version} and {@code dovecot_storage_version} declare it. */
record DovecotVersion(int major, int minor, int patch) implements Comparable<DovecotVersion> {

    static final DovecotVersion V2_4_0 = new DovecotVersion(2, 4, 0);
    static final DovecotVersion V2_4_1 = new DovecotVersion(2, 4, 1);

    static DovecotVersion parse(String key, ConfigValue value) {
        String text = value.value().strip();
        if (!text.matches("\\d+\\.\\d+(\\.\\d+)?")) {
            throw new ConfigException(value.location(), key + ": Invalid version '" + text + "' (expected e.g. 2.4.0)");
        }
        String[] parts = text.split("\\.");
        DovecotVersion v = new DovecotVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        if (v.major != 2 || v.minor != 4) {
            throw new ConfigException(value.location(), key + " = " + text
                    + ": Loft reads the configuration language of Dovecot 2.4 (2.4.0 … 2.4.x)");
        }
        return v;
    }

    @Override
    public int compareTo(DovecotVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }
}
