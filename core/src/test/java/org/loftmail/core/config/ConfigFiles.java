package org.loftmail.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files for tests. */
final class ConfigFiles {

    private ConfigFiles() {}

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A main file that keeps sockets inside the test directory. */
    static Path main(Path dir, String text) {
        return write(dir, "loft.conf", "base_dir = " + dir.resolve("run") + "\n" + text);
    }
}
