package org.loftmail.server;

import java.util.Map;
import java.util.Set;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.UserInfo;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.core.config.VariableExpander;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.managesieve.ManageSieveService;
import org.loftmail.managesieve.ManageSieveSettingsBinder;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreException;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.sieve.store.SieveStoreSettingsBinder;
import org.loftmail.sieve.store.SieveUser;

/**
 * Builds {@code service managesieve-login} from the settings resolved for {@code protocol sieve}: the
 * managesieve_* settings, the script storage ({@code sieve}, {@code sieve_dir}, the quotas), the compiler with
 * {@code sieve_extensions} applied and {@code sieve_max_script_size}, and {@code sieve_max_redirects} for the
 * MAXREDIRECTS capability. A user's storage is resolved as Pigeonhole does: the userdb's {@code sieve} field wins
 * over the plugin setting, {@code %} variables are the user's, {@code ~} the userdb home (or {@code mail_home}), and files get the
 * user's uid/gid (mail_uid/mail_gid when the userdb gives none, as for mail).
 */
final class ManageSieveWiring {

    private ManageSieveWiring() {}

    static ManageSieveService service(LoftConfig config, AuthService auth, UserStorage userStorage) {
        Settings sieve = config.settings("sieve");
        SieveStoreSettings store = SieveStoreSettingsBinder.bind(sieve);
        long maxRedirects = SettingsBinding.bind(sieve, () -> SettingsBinding.read("sieve_max_redirects",
                () -> Long.parseLong(sieve.plugin("sieve_max_redirects").trim())));
        SieveCompiler compiler = compiler(sieve, store);
        return new ManageSieveService(ManageSieveSettingsBinder.bind(sieve), auth,
                (user, log) -> open(store, userStorage, user, log), compiler, maxRedirects);
    }

    /** The compiler with {@code sieve_extensions} applied and {@code sieve_max_script_size}. */
    static SieveCompiler compiler(Settings sieve, SieveStoreSettings store) {
        Set<String> extensions = SettingsBinding.bind(sieve, () -> SettingsBinding.read("sieve_extensions",
                () -> sieve.plugin("sieve_extensions").isBlank() ? SieveExtensions.defaults()
                        : SieveExtensions.apply(SieveExtensions.defaults(), sieve.plugin("sieve_extensions"))));
        return new SieveCompiler(extensions, store.maxScriptSize());
    }

    /** {@code adm sieve}: a user's script storage and the compiler, as ManageSieve has them. */
    static org.loftmail.admin.mail.SieveAccess adminAccess(LoftConfig config, UserStorage userStorage, UserInfo user)
            throws SieveStoreException {
        Settings sieve = config.settings("sieve");
        SieveStoreSettings store = SieveStoreSettingsBinder.bind(sieve);
        return new org.loftmail.admin.mail.SieveAccess(open(store, userStorage, user, MailLog.of("doveadm", user.user())),
                compiler(sieve, store));
    }

    private static SieveScriptStore open(SieveStoreSettings settings, UserStorage userStorage, UserInfo user, MailLog log)
            throws SieveStoreException {
        StorageUser storageUser;
        try {
            storageUser = userStorage.storageUser(user, "sieve");
        } catch (MailStorageException e) {
            throw new SieveStoreException(SieveStoreException.Reason.TEMPORARY, e.getMessage(), e);
        }
        SieveStoreSettings forUser = settings;
        Map<String, String> fields = user.fields();
        if (fields.containsKey("sieve")) {
            try {
                forUser = settings.withSieve(fields.get("sieve"));
            } catch (IllegalArgumentException e) {
                throw new SieveStoreException(SieveStoreException.Reason.TEMPORARY,
                        "userdb field sieve: " + e.getMessage(), e);
            }
        }
        String home = storageUser.home() == null ? "" : storageUser.home().toString(); // userdb home or mail_home
        VariableExpander expander = VariableExpander.builder()
                .set("user", user.user())
                .set("username", localPart(user.user()))
                .set("domain", domain(user.user()))
                .set("service", "sieve")
                .set("home", home)
                .userdb(fields)
                .build();
        SieveScriptStore opened = SieveScriptStore.open(forUser, SieveUser.of(storageUser), expander::expand, log);
        SessionRegistry.loggedIn(user.user()); // adm who lists the session from here on
        return opened;
    }

    private static String localPart(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    private static String domain(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? "" : user.substring(at + 1);
    }
}
