package org.loftmail.admin;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.loftmail.admin.mail.MailUsers;
import org.loftmail.admin.server.ServerControl;

/**
 * What {@code adm} runs against: where the configuration is, how users' mail is opened, and the running server
 * when the command came in over its admin socket. The server module supplies it (directly from a configuration,
 * or from inside the running server); tests supply their own.
 */
public interface AdminEnvironment {

    /** The configuration file to read: {@code explicit} when given (-c), else what {@link ConfigLocator} finds. */
    ConfigLocator.Choice config(Path explicit) throws ConfigLocator.NotFound;

    /** Opens users' mail under this configuration; closed by the caller after the command. */
    MailUsers mailUsers(Path configFile) throws Exception;

    /** The running server, when the command runs inside it (over the admin socket). */
    default Optional<ServerControl> server() {
        return Optional.empty();
    }

    /** Standard input ({@code save}, {@code sieve put}). */
    default InputStream stdin() {
        return System.in;
    }

    /** Configuration only: {@code config}, {@code pw}, {@code auth} and {@code user} work; mail commands do not. */
    static AdminEnvironment configOnly(Path defaultConfig) {
        ConfigLocator locator = ConfigLocator.standard(defaultConfig);
        return new AdminEnvironment() {
            @Override
            public ConfigLocator.Choice config(Path explicit) throws ConfigLocator.NotFound {
                return locator.locate(explicit);
            }

            @Override
            public MailUsers mailUsers(Path configFile) {
                throw new UnsupportedOperationException("mail commands need the server's storage (run ./loft adm)");
            }
        };
    }
}
