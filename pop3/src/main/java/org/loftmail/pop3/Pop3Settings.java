package org.loftmail.pop3;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.core.mail.Flags;
import org.loftmail.pop3.maildrop.LogoutFormat;
import org.loftmail.pop3.maildrop.UidlFormat;

/**
 * The pop3_* settings as Dovecot 2.3 defines them (doc/example-config/conf.d/20-pop3.conf), plus the login
 * settings the POP3 login phase reads. Validated here, once, at startup; bound by {@link Pop3SettingsBinder}.
 *
 * @param uidlFormat {@code pop3_uidl_format}, default {@code %08Xu%08Xv}: %u UID, %v UIDVALIDITY, %g GUID, %f
 *     storage id (Maildir base file name)
 * @param lockSession {@code pop3_lock_session}: one POP3 session per user, across processes and with Dovecot
 *     (the storage's lock file); others get {@code -ERR [IN-USE]}
 * @param noFlagUpdates {@code pop3_no_flag_updates}: RETR does not set \Seen
 * @param reuseXuidl {@code pop3_reuse_xuidl}: a message's X-UIDL header, when present, is its UIDL
 * @param saveUidl {@code pop3_save_uidl}: store each UIDL with the message once UIDL shows it, so a restart or a
 *     later format change keeps it (Maildir: the uidlist's P field, shared with Dovecot)
 * @param deleteType {@code pop3_delete_type}: DELE expunges, or sets {@code pop3_deleted_flag}
 * @param deletedFlag {@code pop3_deleted_flag}: a keyword; messages with it are hidden from POP3 ("" = none)
 * @param enableLast {@code pop3_enable_last}: the obsolete LAST command (RFC 1460), and RSET clears \Seen
 * @param workarounds {@code pop3_client_workarounds}: outlook-no-nuls, oe-ns-eoh
 * @param logoutFormat {@code pop3_logout_format}
 * @param uidlDuplicates {@code pop3_uidl_duplicates}: allow, or rename duplicates (-2, -3…)
 * @param loginGreeting {@code login_greeting}
 * @param sslRequired {@code ssl = required}: no authentication at all before TLS (local connections excepted)
 * @param lockWait how long a second session waits for {@code pop3_lock_session}'s lock (Dovecot: 10 s)
 * @param maxUserIpConnections {@code mail_max_userip_connections} for pop3 (0 = unlimited)
 */
public record Pop3Settings(
        String uidlFormat,
        boolean lockSession,
        boolean noFlagUpdates,
        boolean reuseXuidl,
        boolean saveUidl,
        DeleteType deleteType,
        String deletedFlag,
        boolean enableLast,
        Set<ClientWorkaround> workarounds,
        String logoutFormat,
        UidlDuplicates uidlDuplicates,
        String loginGreeting,
        boolean sslRequired,
        Duration lockWait,
        int maxUserIpConnections) {

    public static final String DEFAULT_UIDL_FORMAT = "%08Xu%08Xv";
    public static final String DEFAULT_LOGOUT_FORMAT = "top=%t/%p, retr=%r/%b, del=%d/%m, size=%s";

    /** {@code pop3_delete_type}. */
    public enum DeleteType {
        /** expunge, or flag when pop3_deleted_flag is set */
        DEFAULT,
        EXPUNGE,
        FLAG
    }

    /** {@code pop3_uidl_duplicates}. */
    public enum UidlDuplicates {
        ALLOW,
        RENAME
    }

    /** {@code pop3_client_workarounds}. */
    public enum ClientWorkaround {
        OUTLOOK_NO_NULS("outlook-no-nuls"),
        OE_NS_EOH("oe-ns-eoh");

        private final String configName;

        ClientWorkaround(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static ClientWorkaround parse(String name) {
            for (ClientWorkaround w : values()) {
                if (w.configName.equals(name.toLowerCase(Locale.ROOT))) {
                    return w;
                }
            }
            throw new IllegalArgumentException("pop3_client_workarounds: Unknown workaround: " + name);
        }
    }

    public Pop3Settings {
        Objects.requireNonNull(uidlFormat, "pop3_uidl_format");
        Objects.requireNonNull(deleteType, "pop3_delete_type");
        Objects.requireNonNull(logoutFormat, "pop3_logout_format");
        Objects.requireNonNull(uidlDuplicates, "pop3_uidl_duplicates");
        Objects.requireNonNull(lockWait, "lockWait");
        String flag = deletedFlag == null ? "" : deletedFlag.strip();
        deletedFlag = flag;
        loginGreeting = loginGreeting == null || loginGreeting.isBlank() ? "Loft ready." : loginGreeting;
        workarounds = workarounds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workarounds));
        String uidl = uidlFormat;
        String logout = logoutFormat;
        read("pop3_uidl_format", () -> UidlFormat.validate(uidl));
        read("pop3_logout_format", () -> LogoutFormat.validate(logout));
        if (!flag.isEmpty()) {
            if (flag.startsWith("\\")) {
                throw new InvalidSettingException("pop3_deleted_flag",
                        "pop3_deleted_flag: must be a keyword, not a system flag: " + flag);
            }
            read("pop3_deleted_flag", () -> Flags.validKeyword(flag));
        }
        if (deleteType == DeleteType.FLAG && flag.isEmpty()) {
            // the message names the missing setting, the line is the one that asked for flags
            throw new InvalidSettingException("pop3_delete_type",
                    "pop3_deleted_flag: pop3_delete_type=flag, but pop3_deleted_flag not set");
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
        if (maxUserIpConnections < 0) {
            throw new InvalidSettingException("mail_max_userip_connections",
                    "mail_max_userip_connections: must not be negative");
        }
    }

    /**
     * Runs a check of {@code key}'s value; its complaint becomes {@code "key: problem"}, the form every pop3
     * settings error has.
     */
    static void read(String key, Runnable check) {
        try {
            check.run();
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid value" : e.getMessage();
            throw new InvalidSettingException(key,
                    key + ": " + (message.startsWith(key + ": ") ? message.substring(key.length() + 2) : message));
        }
    }

    /** Dovecot's defaults. */
    public static Pop3Settings defaults() {
        return new Pop3Settings(DEFAULT_UIDL_FORMAT, false, false, false, false, DeleteType.DEFAULT, "", false,
                Set.of(), DEFAULT_LOGOUT_FORMAT, UidlDuplicates.ALLOW, "Loft ready.", false, Duration.ofSeconds(10), 10);
    }

    /** Whether DELE sets {@link #deletedFlag()} instead of expunging at QUIT. */
    public boolean deleteByFlag() {
        return deleteType == DeleteType.FLAG || deleteType == DeleteType.DEFAULT && !deletedFlag.isEmpty();
    }

    public boolean has(ClientWorkaround workaround) {
        return workarounds.contains(workaround);
    }

    public Pop3Settings withUidlFormat(String value) {
        return new Pop3Settings(value, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType, deletedFlag,
                enableLast, workarounds, logoutFormat, uidlDuplicates, loginGreeting, sslRequired, lockWait, maxUserIpConnections);
    }

    public Pop3Settings withLockSession(boolean value, Duration wait) {
        return new Pop3Settings(uidlFormat, value, noFlagUpdates, reuseXuidl, saveUidl, deleteType, deletedFlag,
                enableLast, workarounds, logoutFormat, uidlDuplicates, loginGreeting, sslRequired, wait, maxUserIpConnections);
    }

    public Pop3Settings withDeletion(DeleteType type, String flag) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, type, flag,
                enableLast, workarounds, logoutFormat, uidlDuplicates, loginGreeting, sslRequired, lockWait, maxUserIpConnections);
    }

    public Pop3Settings withFlags(boolean noFlagUpdates, boolean enableLast) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType,
                deletedFlag, enableLast, workarounds, logoutFormat, uidlDuplicates, loginGreeting, sslRequired,
                lockWait, maxUserIpConnections);
    }

    public Pop3Settings withUidlOptions(boolean reuseXuidl, boolean saveUidl, UidlDuplicates duplicates) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType,
                deletedFlag, enableLast, workarounds, logoutFormat, duplicates, loginGreeting, sslRequired, lockWait, maxUserIpConnections);
    }

    public Pop3Settings withWorkarounds(Set<ClientWorkaround> value) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType,
                deletedFlag, enableLast, value, logoutFormat, uidlDuplicates, loginGreeting, sslRequired, lockWait, maxUserIpConnections);
    }

    public Pop3Settings withMaxUserIpConnections(int value) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType,
                deletedFlag, enableLast, workarounds, logoutFormat, uidlDuplicates, loginGreeting, sslRequired,
                lockWait, value);
    }

    public Pop3Settings withLogin(String greeting, boolean sslRequired) {
        return new Pop3Settings(uidlFormat, lockSession, noFlagUpdates, reuseXuidl, saveUidl, deleteType,
                deletedFlag, enableLast, workarounds, logoutFormat, uidlDuplicates, greeting, sslRequired, lockWait, maxUserIpConnections);
    }
}
