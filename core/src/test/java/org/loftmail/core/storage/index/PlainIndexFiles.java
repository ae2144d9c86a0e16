package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Index files as the test process's user, with default modes: what a backend without owners would pass. */
final class PlainIndexFiles implements IndexFileCreator {

    static final PlainIndexFiles INSTANCE = new PlainIndexFiles();

    @Override
    public void directories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public OutputStream newCacheFile(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
