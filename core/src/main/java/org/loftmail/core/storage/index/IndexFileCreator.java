package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the index creates its files: with the backend's modes and the mail user's ownership (a server running as
 * root writes them as the user, as Dovecot's mail processes would). Index files are caches, so they are never
 * fsynced. Existing index files are opened through {@link #open}, so a backend that confines the user's files
 * (ADR 0305) confines these too.
 */
public interface IndexFileCreator {

    /** Creates a directory and its missing parents. */
    void directories(Path dir) throws IOException;

    /** Creates a new file (it must not exist) for writing; closing it does not fsync. */
    OutputStream newCacheFile(Path file) throws IOException;

    /**
     * Opens an existing index file. The default opens the path; a backend running for a user opens it beneath the
     * user's mail roots and checks it is theirs (a link out of the roots or someone else's file is refused).
     */
    default FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, options);
    }
}
