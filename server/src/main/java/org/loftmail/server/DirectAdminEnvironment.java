package org.loftmail.server;

import java.io.InputStream;
import java.nio.file.Path;
import org.loftmail.admin.AdminEnvironment;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.mail.MailUsers;
import org.loftmail.core.config.LoftConfig;

/**
 * {@code adm} with no server running: the command opens storage itself, with the configuration's userdbs,
 * namespaces and quota, through the same storage classes and on-disk locks (dovecot-uidlist.lock, the index lock
 * files) the server takes, so it is safe against a server or Dovecot starting meanwhile.
 */
final class DirectAdminEnvironment implements AdminEnvironment {

    private final ConfigLocator locator;
    private final InputStream stdin;

    DirectAdminEnvironment(ConfigLocator locator, InputStream stdin) {
        this.locator = locator;
        this.stdin = stdin;
    }

    @Override
    public ConfigLocator.Choice config(Path explicit) throws ConfigLocator.NotFound {
        return locator.locate(explicit);
    }

    @Override
    public MailUsers mailUsers(Path configFile) {
        LoftConfig config = LoftConfig.load(configFile);
        ProcessStorage storage = new ProcessStorage();
        Wiring wiring;
        try {
            wiring = new Wiring(config, null, storage);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        wiring.applyStorageSettings(storage);
        return new AdminMailUsers(config, wiring.auth(), wiring.userStorage(), () -> {
            wiring.close();
            storage.close();
        });
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }
}
