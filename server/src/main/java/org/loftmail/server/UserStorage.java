package org.loftmail.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.nativeos.SystemAccounts;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.VariableExpander;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.UserPaths;
import org.loftmail.core.storage.UserRefusedException;

/**
 * Opens a user's mail from what the userdb answered, as Dovecot's mail-storage-service does: the userdb's
 * {@code mail} field or the protocol's {@code mail_location}, with {@code %} variables expanded for the user;
 * {@code mail_uid}/{@code mail_gid} when the userdb gave none; {@code first_valid_uid}/{@code last_valid_uid}
 * enforced; no {@code .}, {@code ..} or empty component in the expanded paths (a user name must not move the mail
 * root); the home from the userdb or {@code mail_home}; quota rules from the userdb. Each refusal is logged with
 * its reason. Shared by IMAP, POP3, LMTP, lda and ManageSieve, so the home is decided once for all of them.
 */
final class UserStorage {

    private final LoftConfig config;
    private final MailStorageRegistry registry;

    UserStorage(LoftConfig config, MailStorageRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    MailStorage open(UserInfo user, String protocol) throws MailStorageException {
        return registry.open(storageUser(user, protocol));
    }

    StorageUser storageUser(UserInfo user, String protocol) throws MailStorageException {
        return storageUser(user, protocol, null);
    }

    /**
     * Another location of the user's ({@code adm import}'s source, {@code adm backup}'s destination): the same
     * expansion, checks and uid/gid as the user's own mail, with {@code location} instead of mail_location.
     */
    MailStorage openAt(UserInfo user, String protocol, String location) throws MailStorageException {
        return registry.open(storageUser(user, protocol, location));
    }

    StorageUser storageUser(UserInfo user, String protocol, String locationTemplate) throws MailStorageException {
        Settings settings = config.settings(protocol);
        String home = home(user, settings, protocol);
        String template = locationTemplate != null ? locationTemplate
                : user.mail() != null && !user.mail().isEmpty() ? user.mail() : settings.string("mail_location");
        if (template.isEmpty()) {
            throw new MailStorageException("mail_location is not set and the userdb gave no mail field for "
                    + user.user());
        }
        VariableExpander expander = VariableExpander.builder()
                .set("user", user.user())
                .set("username", localPart(user.user()))
                .set("domain", domain(user.user()))
                .set("service", protocol)
                .set("home", home)
                .userdb(user.fields())
                .build();
        String location;
        try {
            location = expander.expand(template);
        } catch (IllegalArgumentException e) {
            throw new MailStorageException("mail_location: " + e.getMessage());
        }
        Optional<String> badPath = UserPaths.locationProblem(location).map(p -> "mail_location: " + p)
                .or(() -> UserPaths.problem(home).map(p -> "home: " + p));
        if (badPath.isPresent()) {
            throw refused(user, protocol, badPath.get() + ": refusing the user");
        }
        OptionalInt uid = id(user.uid(), settings, "mail_uid", true);
        OptionalInt gid = id(user.gid(), settings, "mail_gid", false);
        if (uid.isPresent()) {
            long first = settings.uint("first_valid_uid");
            long last = settings.uint("last_valid_uid");
            if (uid.getAsInt() < first || (last != 0 && uid.getAsInt() > last)) {
                throw refused(user, protocol, "Mail access for users with UID " + uid.getAsInt()
                        + (uid.getAsInt() < first ? " not permitted (see first_valid_uid in config file)"
                                : " not permitted (see last_valid_uid in config file)"));
            }
        }
        List<String> quotaRules = new ArrayList<>();
        user.fields().forEach((name, value) -> {
            if (name.equals("quota_rule") || name.matches("quota_rule\\d+")) {
                quotaRules.add(value);
            }
        });
        return new StorageUser(user.user(), home.isEmpty() ? null : Path.of(home), location, uid, gid, quotaRules);
    }

    /**
     * The user's home directory as Dovecot's mail-storage-service decides it: the userdb's {@code home} field, else
     * {@code mail_home} expanded for the user ({@code /var/vmail/%d/%n}), else none. A home must be absolute.
     */
    String home(UserInfo user, Settings settings, String protocol) throws MailStorageException {
        String home = user.home() == null ? "" : user.home();
        if (home.isEmpty() && !settings.string("mail_home").isEmpty()) {
            try {
                home = VariableExpander.builder()
                        .set("user", user.user())
                        .set("username", localPart(user.user()))
                        .set("domain", domain(user.user()))
                        .set("service", protocol)
                        .userdb(user.fields())
                        .build()
                        .expand(settings.string("mail_home"));
            } catch (IllegalArgumentException e) {
                throw refused(user, protocol, "mail_home: " + e.getMessage());
            }
        }
        if (!home.isEmpty() && !home.startsWith("/")) {
            throw refused(user, protocol, "Relative home directory paths not supported: " + home);
        }
        return home;
    }

    /**
     * Logs why a user's mail cannot be opened, in Dovecot's shape ({@code lmtp(joe): Error: Mail access for users
     * with UID 8 not permitted …}), and returns the failure to throw: every caller turns it into a temporary failure
     * (LMTP 451 4.3.0, IMAP/POP3 login NO) that says nothing about the cause, so the log is where the reason lives.
     */
    private static MailStorageException refused(UserInfo user, String protocol, String reason) {
        String safe = MailLog.sanitize(reason);
        MailLog.of(protocol, user.user()).error(safe);
        return new UserRefusedException(safe, false);
    }

    private static OptionalInt id(long fromUserdb, Settings settings, String setting, boolean user) {
        if (fromUserdb >= 0) {
            return OptionalInt.of((int) fromUserdb);
        }
        String value = settings.string(setting);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(user ? systemUid(value) : systemGid(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.location(setting), setting + ": " + e.getMessage());
        }
    }

    /** A number, or a user name resolved through NSS (mail_uid = vmail). */
    private static int systemUid(String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(value);
        }
        return SystemAccounts.userByName(value).map(SystemAccounts.Account::uid)
                .orElseThrow(() -> new IllegalArgumentException("unknown user '" + value + "'"));
    }

    private static int systemGid(String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(value);
        }
        return SystemAccounts.groupIdByName(value)
                .orElseThrow(() -> new IllegalArgumentException("unknown group '" + value + "'"));
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
