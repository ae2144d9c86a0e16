package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a setting or section was written: a file and a 1-based line, or a built-in default.
 * {@link #toString()} gives the {@code file:line} prefix of every configuration error.
 */
public record SourceLocation(Path file, int line) {

    /** The location of values that come from Loft's built-in defaults. */
    public static final SourceLocation BUILT_IN = new SourceLocation(null, 0);

    public SourceLocation {
        if (file == null && line != 0) {
            throw new IllegalArgumentException("a built-in location has no line");
        }
        if (file != null && line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
    }

    public boolean isBuiltIn() {
        return file == null;
    }

    @Override
    public String toString() {
        return isBuiltIn() ? "(built-in default)" : file + ":" + line;
    }

    /** The same file, another line. */
    public SourceLocation atLine(int otherLine) {
        return new SourceLocation(Objects.requireNonNull(file), otherLine);
    }
}
