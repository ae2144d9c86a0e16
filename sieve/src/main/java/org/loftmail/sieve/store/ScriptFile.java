package org.loftmail.sieve.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A script as read from storage.
 *
 * @param name the script name ({@code NAME} of {@code NAME.sieve}; for a regular file at the active path or a
 *     single-file location, its file name without {@code .sieve})
 * @param path where it was read (for logs and error messages, e.g. Pigeonhole's {@code script file:line: error})
 * @param content the bytes, as stored
 * @param stamp the file's stamp, to tell when a cached compilation is stale
 */
public record ScriptFile(String name, Path path, byte[] content, ScriptStamp stamp) {

    public ScriptFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(stamp, "stamp");
    }
}
