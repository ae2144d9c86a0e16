package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code unix_listener PATH { mode user group }} of a service.
 *
 * @param name the path as written (relative paths are relative to base_dir)
 * @param path the absolute socket path
 * @param mode the socket file's permission bits
 * @param user the owner to give the socket, empty to keep the server's user
 * @param group the group to give the socket, empty to keep the server's group
 */
public record UnixListener(String name, Path path, int mode, String user, String group, SourceLocation location) {

    public UnixListener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        if (path == null || !path.isAbsolute()) {
            throw new InvalidSettingException("base_dir", "unix_listener " + name + ": the socket path must be absolute"
                    + " (set base_dir to an absolute directory)");
        }
        if (mode < 0 || mode > 0777) {
            throw new InvalidSettingException("mode", "unix_listener " + name + ": invalid mode " + Integer.toOctalString(mode));
        }
    }
}
