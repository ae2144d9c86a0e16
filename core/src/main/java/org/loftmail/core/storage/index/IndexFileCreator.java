package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How the index creates its files: with the backend's modes and the mail user's ownership (a server running as
 * root writes them as the user, as Dovecot's mail processes would). Index files are caches, so they are never
 * fsynced.
 */
public interface IndexFileCreator {

    /** Creates a directory and its missing parents. */
    void directories(Path dir) throws IOException;

    /** Creates a new file (it must not exist) for writing; closing it does not fsync. */
    OutputStream newCacheFile(Path file) throws IOException;
}
