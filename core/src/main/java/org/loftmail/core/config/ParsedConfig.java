package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of parsing: the top-level section with everything under it, and the warnings given
 * (one line each, {@code file:line: text}).
 */
public record ParsedConfig(Path mainFile, ConfigSection root, List<String> warnings) {

    public ParsedConfig {
        warnings = List.copyOf(warnings);
    }
}
