package org.loftmail.core.config.v24;

import java.nio.file.Path;
import java.util.Map;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.ParsedConfig;
import org.loftmail.core.config.SourceLocation;

/**
 * Reads a file written in Dovecot 2.4's configuration language into the same settings tree a 2.3 file gives
 * (docs/adr/0104): the 2.4 file is read for its syntax ({@link ConfigParser#parseVerbatim}), then every setting
 * and block is rewritten in 2.3's names ({@link V24Translator}) and written through {@link ConfigParser.TreeWriter},
 * which checks it exactly as a 2.3 line is checked. Errors name the 2.4 file and line.
 */
public final class V24Reader {

    private V24Reader() {}

    /** Reads a main file whose first setting is {@code dovecot_config_version}. */
    public static ParsedConfig read(Path file, Map<String, String> environment) {
        ParsedConfig syntax = ConfigParser.parseVerbatim(file);
        ConfigSection root = syntax.root();
        ConfigValue configVersion = root.settings().get("dovecot_config_version");
        DovecotVersion version = DovecotVersion.parse("dovecot_config_version", configVersion);
        ConfigValue storageVersion = root.settings().get("dovecot_storage_version");
        if (storageVersion == null) {
            throw new ConfigException(new SourceLocation(syntax.mainFile(), 1),
                    "dovecot_storage_version is required in a Dovecot 2.4 configuration (set it to the version"
                            + " the mail store was created with, e.g. dovecot_storage_version = 2.4.0)");
        }
        DovecotVersion.parse("dovecot_storage_version", storageVersion);
        ConfigParser.TreeWriter out = ConfigParser.treeWriter(syntax.mainFile());
        syntax.warnings().forEach(out::warn);
        new V24Translator(out, environment, version, configVersion.location()).translate(root);
        return out.finish();
    }
}
