package org.loftmail.core.config.v24;

import java.util.Map;
import java.util.Set;

/** Dovecot 2.4's setting names beside the 2.3 names Loft's settings table is written in. */
public final class V24Names {

    private V24Names() {}

    /** 2.4 names whose value is a file name where 2.3 read the file's content ({@code ssl_cert = </path}). */
    static final Map<String, String> FILE_VALUED = Map.of(
            "ssl_server_cert_file", "ssl_cert",
            "ssl_server_key_file", "ssl_key",
            "ssl_server_ca_file", "ssl_ca",
            "ssl_server_dh_file", "ssl_dh");

    /** 2.4 names that are a 2.3 setting renamed, the value unchanged. */
    static final Map<String, String> RENAMED = Map.of(
            "auth_default_domain", "auth_default_realm");

    /** 2.3 names 2.4 removed: meeting one in a 2.4 file is mixing the languages; the value says what 2.4 writes. */
    static final Map<String, String> ONLY_23 = Map.ofEntries(
            Map.entry("mail_location", "mail_driver, mail_path, mail_inbox_path, mail_index_path, mail_control_path"
                    + " and mailbox_list_layout"),
            Map.entry("ssl_cert", "ssl_server_cert_file"),
            Map.entry("ssl_key", "ssl_server_key_file"),
            Map.entry("ssl_ca", "ssl_server_ca_file"),
            Map.entry("ssl_dh", "ssl_server_dh_file"),
            Map.entry("ssl_prefer_server_ciphers", "ssl_server_prefer_ciphers"),
            Map.entry("disable_plaintext_auth", "auth_allow_cleartext"),
            Map.entry("auth_default_realm", "auth_default_domain"),
            Map.entry("mail_debug", "log_debug = category=mail"),
            Map.entry("auth_debug", "log_debug = category=auth"),
            Map.entry("service_count", "restart_request_count"),
            Map.entry("args", "the driver's own settings (passwd_file_path, fields { } …)"),
            Map.entry("default_fields", "fields { name:default = value }"),
            Map.entry("override_fields", "fields { }"),
            Map.entry("plugin", "the plugin's settings at the top level"),
            Map.entry("quota_rule", "quota \"name\" { quota_storage_size = … }"),
            Map.entry("sieve_dir", "sieve_script personal { path = … }"),
            Map.entry("sieve_before", "sieve_script NAME { type = before path = … }"),
            Map.entry("sieve_after", "sieve_script NAME { type = after path = … }"),
            Map.entry("sieve_default", "sieve_script NAME { type = default path = … }"),
            Map.entry("sieve_default_name", "sieve_script NAME { type = default name = … }"),
            Map.entry("sieve_discard", "sieve_script NAME { type = discard path = … }"),
            Map.entry("sieve_global", "sieve_script NAME { type = global path = … }"),
            Map.entry("sieve_global_dir", "sieve_script NAME { type = global path = … }"),
            Map.entry("sieve_global_path", "sieve_script NAME { type = default path = … }"),
            Map.entry("sieve_quota_max_scripts", "sieve_quota_script_count"),
            Map.entry("sieve_quota_max_storage", "sieve_quota_storage_size"));

    /**
     * 2.3 names that 2.4 removed as settings but still uses as a boolean-list item ({@code protocols { sieve = yes }}):
     * a mixing error only where a setting stands (the top level and filters).
     */
    static final Map<String, String> ONLY_23_SETTINGS = Map.of(
            "sieve", "sieve_script personal { path = … active_path = … }");

    /** Names only 2.4 knows; in a file read as 2.3 they are a mixing error, not an unknown setting. */
    public static final Set<String> ONLY_24 = Set.of(
            "dovecot_storage_version", "mail_driver", "mail_path", "mail_inbox_path", "mail_index_path",
            "mail_control_path", "mailbox_list_layout", "ssl_server_cert_file", "ssl_server_key_file",
            "ssl_server_ca_file", "ssl_server_dh_file", "ssl_server_prefer_ciphers", "auth_allow_cleartext",
            "auth_default_domain", "log_debug", "service_restart_request_count", "restart_request_count",
            "quota_storage_size", "quota_message_count", "sql_driver", "passwd_file_path",
            "default_password_scheme", "mail_home_path", "sieve_quota_script_count", "sieve_quota_storage_size");

    /** Settings whose 2.4 value is a boolean list ({@code mail_plugins { quota = yes }}); 2.3 wrote a word list. */
    static final Set<String> BOOLLISTS = Set.of("mail_plugins", "protocols", "imap_capability", "auth_mechanisms",
            "login_trusted_networks");

    /** Names (or prefixes, ending in '_') of 2.4 features Loft cannot honour yet, with the reason. */
    static final Map<String, String> NOT_YET = Map.of(
            "sql_", "inline SQL settings are not read yet; use a 2.3 configuration with dovecot-sql.conf.ext",
            "pgsql", "inline SQL settings are not read yet; use a 2.3 configuration with dovecot-sql.conf.ext",
            "mysql", "inline SQL settings are not read yet; use a 2.3 configuration with dovecot-sql.conf.ext",
            "sqlite", "inline SQL settings are not read yet; use a 2.3 configuration with dovecot-sql.conf.ext");

    /**
     * What is wrong with meeting {@code name} (a setting or section type) in a 2.4 file: a 2.3 name (mixing the
     * languages) or a 2.4 feature Loft cannot honour yet; null when nothing is.
     */
    public static String foreign(String name) {
        return problem(name, ONLY_23.get(name));
    }

    /** {@link #foreign}, for a setting at the top level or in a filter, where more 2.3 names stand out. */
    static String foreignSetting(String name) {
        return problem(name, ONLY_23.getOrDefault(name, ONLY_23_SETTINGS.get(name)));
    }

    private static String problem(String name, String hint) {
        if (hint != null) {
            return name + " is Dovecot 2.3's language, but this file is read as 2.4 (its first setting is"
                    + " dovecot_config_version); 2.4 writes " + hint;
        }
        String reason = notYet(name);
        return reason == null ? null : "Loft does not support " + name + " yet: " + reason;
    }

    /** Why Loft cannot honour a 2.4 name or section type yet, or null. */
    static String notYet(String name) {
        for (Map.Entry<String, String> e : NOT_YET.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("_") ? name.startsWith(k) : name.equals(k)) {
                return e.getValue();
            }
        }
        return null;
    }
}
