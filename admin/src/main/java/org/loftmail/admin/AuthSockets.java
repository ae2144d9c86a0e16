package org.loftmail.admin;

import java.nio.file.Path;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;

/**
 * Where the running server's auth sockets are, for the doveadm-style auth commands: the path
 * given with {@code -a}, else {@code base_dir} of the configuration plus the socket's name.
 */
final class AuthSockets {
    /** sysexits EX_NOUSER: the user doesn't exist. */
    static final int EXIT_NOUSER = 67;
    /** sysexits EX_TEMPFAIL: the auth service couldn't answer. */
    static final int EXIT_TEMPFAIL = 75;
    /** sysexits EX_NOPERM: authentication failed. */
    static final int EXIT_NOPERM = 77;

    private AuthSockets() {}

    static Path resolve(Path given, AdminCli parent, String name) {
        if (given != null) {
            return given;
        }
        try {
            return LoftConfig.load(parent.configFile()).baseDir().resolve(name);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("can't read the configuration to find the auth socket (" + e.getMessage()
                    + "); give its path with -a");
        }
    }
}
