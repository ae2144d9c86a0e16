package org.loftmail.core.config;

import static org.loftmail.core.config.SettingType.BOOL;
import static org.loftmail.core.config.SettingType.DURATION;
import static org.loftmail.core.config.SettingType.LIST;
import static org.loftmail.core.config.SettingType.OCTAL;
import static org.loftmail.core.config.SettingType.SIZE;
import static org.loftmail.core.config.SettingType.STRING;
import static org.loftmail.core.config.SettingType.UINT;
import static org.loftmail.core.config.Support.HONOURED;
import static org.loftmail.core.config.Support.NOT_NEEDED;
import static org.loftmail.core.config.Support.PROCESS_MODEL;
import static org.loftmail.core.config.Support.UNSUPPORTED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of every setting Loft knows: Dovecot's name, Dovecot's default, the kind of value
 * and what Loft does with it. To add a setting, add one row in the right block below.
 *
 * <p>A row marked {@link Support#HONOURED} is a promise: the module named in the block comment
 * reads it (checked on 2026-11-23 against every module's sources; rows nobody read were made
 * UNSUPPORTED, so setting them says so instead of being ignored — flip a row back when its module
 * reads it). Rows for features Loft does not have are {@link Support#UNSUPPORTED}: their default is
 * accepted, any other value stops startup with "Loft does not support X yet".
 */
public final class SettingDefinitions {

    private SettingDefinitions() {}

    /** Settings allowed at the top level and (unless marked otherwise) in filters. */
    public static final Map<String, SettingDefinition> GLOBAL;

    /** Keys allowed in {@code plugin { }}; see docs/adr/0101-plugin-settings-are-validated.md. */
    public static final Map<String, SettingDefinition> PLUGIN;

    /** Section types by name. The top level is the type {@code ""}. */
    public static final Map<String, SectionDefinition> SECTIONS;

    /** Plugins Loft can load through {@code mail_plugins}. */
    public static final Set<String> MAIL_PLUGINS = Set.of("quota", "imap_quota", "sieve");

    /** Protocol names a {@code protocol} filter may name. */
    public static final Set<String> FILTER_PROTOCOLS = Set.of("imap", "pop3", "lmtp", "lda", "doveadm", "submission",
            "sieve", "managesieve",
            // Dovecot's internal services: filters on them are accepted (Debian ships "protocol !indexer-worker")
            "indexer-worker", "indexer", "auth", "dict", "imap-urlauth", "imap-urlauth-worker", "imap-hibernate",
            "replicator", "aggregator", "director", "config", "stats", "anvil", "log", "quota-status");

    /**
     * Prefixes of Dovecot settings for whole features Loft does not have; an unknown key with one of
     * these prefixes gets "Loft does not support X yet" rather than "Unknown setting".
     */
    public static final List<String> UNSUPPORTED_PREFIXES = List.of(
            "imapc_", "pop3c_", "fts_", "director_", "replication_", "dsync_", "doveadm_", "submission_",
            "managesieve_", "ldap_", "auth_policy_", "mail_crypt_", "stats_", "old_stats_", "imap_urlauth_",
            "lmtp_proxy_", "ssl_client_", "mail_attachment_", "quota_status_", "login_proxy_", "haproxy_",
            "dict_", "lazy_expunge", "acl_", "zlib_", "mail_log_", "push_notification_", "metric_",
            "event_", "imap_hibernate_", "ssl_alt_");

    private static final Map<String, SettingDefinition> global = new LinkedHashMap<>();
    private static final Map<String, SettingDefinition> plugin = new LinkedHashMap<>();
    private static final Set<String> NUMBERED_PLUGIN_KEYS = new java.util.HashSet<>();
    private static final String SIEVE_NOT_YET = "Loft's Sieve engine does not implement this setting yet";
    /** Sieve settings the engine (module sieve, delivery) does not honour yet: only their default is accepted. */
    private static final Set<String> SIEVE_NOT_YET_KEYS = Set.of("sieve_default_name", "sieve_user_log");

    static {
        // ---- master / server wiring (server, transport) ------------------------------------------
        // protocols: Debian's build of Dovecot 2.3 defaults to empty (packages add theirs with
        // "protocols = $protocols imap"); upstream's is "imap pop3 lmtp". Loft follows Debian.
        top("protocols", LIST, "");
        top("listen", LIST, "*, ::");
        top("base_dir", STRING, "/var/run/dovecot");
        row(global, "state_dir", STRING, "/var/lib/dovecot", NOT_NEEDED, "Loft keeps no state outside the mail store", false);
        // instance_name: Dovecot's syslog tag (and doveadm's instance list); Loft uses it as the syslog tag.
        top("instance_name", STRING, "dovecot");
        h("login_greeting", STRING, "Loft ready.");
        h("login_trusted_networks", LIST, "");
        h("login_log_format_elements", STRING,
                "user=<%u> method=%m rip=%r lip=%l mpid=%e %c session=<%{session}>");
        h("login_log_format", STRING, "%$: %s");
        un("login_access_sockets", LIST, "");
        un("login_plugins", LIST, "");
        pm("login_plugin_dir", STRING, "/usr/lib/dovecot/modules/login");
        h("default_process_limit", UINT, "100");
        h("default_client_limit", UINT, "1000");
        pm("default_idle_kill", DURATION, "1 mins");
        pm("default_vsz_limit", SIZE, "256M");
        pm("default_login_user", STRING, "dovenull");
        pm("default_internal_user", STRING, "dovecot");
        pm("default_internal_group", STRING, "dovecot");
        pm("verbose_proctitle", BOOL, "no");
        pm("version_ignore", BOOL, "no");
        pm("import_environment", STRING, "TZ CORE_OUTOFMEM CORE_ERROR LISTEN_PID LISTEN_FDS");
        pm("valid_chroot_dirs", STRING, "");
        nn("shutdown_clients", BOOL, "yes", "Loft always lets open sessions finish on reload and closes them on stop");
        h("hostname", STRING, "");
        nn("mmap_disable", BOOL, "no", "Loft's index does not depend on mmap");
        nn("dotlock_use_excl", BOOL, "yes", "Loft creates dotlocks with O_EXCL");
        un("lock_method", STRING, "fcntl");
        un("mail_fsync", STRING, "optimized");
        un("mail_nfs_storage", BOOL, "no");
        un("mail_nfs_index", BOOL, "no");

        // ---- TLS (transport) --------------------------------------------------------------------
        e("ssl", "yes", "no", "yes", "required");
        h("ssl_cert", STRING, "");
        h("ssl_key", STRING, "");
        h("ssl_key_password", STRING, "");
        h("ssl_ca", STRING, "");
        e("ssl_min_protocol", "TLSv1.2", "ANY", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        h("ssl_cipher_list", STRING,
                "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW@STRENGTH");
        // BoringSSL (and so Netty's OpenSSL provider) serves its fixed TLS 1.3 suites and cannot restrict them.
        un("ssl_cipher_suites", STRING, "", "the TLS library serves TLS 1.3 with its fixed, all-strong suites"
                + " (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) and cannot"
                + " restrict them; ssl_cipher_list governs TLS 1.2");
        un("ssl_curve_list", STRING, "");
        h("ssl_prefer_server_ciphers", BOOL, "no");
        h("ssl_verify_client_cert", BOOL, "no");
        un("ssl_cert_username_field", STRING, "commonName");
        un("ssl_require_crl", BOOL, "yes");
        nn("ssl_dh", STRING, "", "Java's TLS uses the RFC 7919 groups and needs no DH parameter file");
        // ssl_protocols: obsolete in 2.3; LoftConfig warns once and SslSettings maps it onto ssl_min_protocol.
        h("ssl_protocols", STRING, "");
        nn("ssl_client_ca_dir", STRING, "", "Loft makes no outgoing TLS connections that would verify against it");
        nn("ssl_client_ca_file", STRING, "", "Loft makes no outgoing TLS connections that would verify against it");
        un("ssl_options", STRING, "");
        un("ssl_crypto_device", STRING, "");
        h("verbose_ssl", BOOL, "no");

        // ---- logging (server) -------------------------------------------------------------------
        // log_path: syslog, Dovecot's default, so an existing dovecot.conf logs where it did (ADR 0110); the demo
        // writes log_path = /dev/stderr into its own configuration.
        h("log_path", STRING, "syslog");
        h("info_log_path", STRING, "");
        h("debug_log_path", STRING, "");
        h("syslog_facility", STRING, "mail");
        h("log_timestamp", STRING, "%b %d %H:%M:%S ");
        un("log_debug", STRING, "");
        un("log_core_filter", STRING, "");
        h("mail_debug", BOOL, "no");
        h("mail_log_prefix", STRING, "%s(%u)<%{pid}><%{session}>: ");

        // ---- auth (auth) -----------------------------------------------------------------------
        h("disable_plaintext_auth", BOOL, "yes");
        h("auth_mechanisms", LIST, "plain");
        h("auth_username_format", STRING, "%Lu");
        h("auth_default_realm", STRING, "");
        h("auth_realms", LIST, "");
        h("auth_username_chars", STRING,
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@");
        h("auth_username_translation", STRING, "");
        h("auth_master_user_separator", STRING, "");
        h("auth_anonymous_username", STRING, "anonymous");
        h("auth_cache_size", SIZE, "0");
        h("auth_cache_ttl", DURATION, "1 hours");
        h("auth_cache_negative_ttl", DURATION, "1 hours");
        nn("auth_cache_verify_password_with_worker", BOOL, "no", "Loft hashes on virtual threads, not in worker processes");
        h("auth_failure_delay", DURATION, "2 secs");
        h("auth_verbose", BOOL, "no");
        h("auth_verbose_passwords", STRING, "no");
        h("auth_debug", BOOL, "no");
        h("auth_debug_passwords", BOOL, "no");
        pm("auth_worker_max_count", UINT, "30");
        h("auth_ssl_require_client_cert", BOOL, "no");
        h("auth_ssl_username_from_cert", BOOL, "no");
        un("auth_socket_path", STRING, "auth-userdb");
        un("auth_use_winbind", BOOL, "no");
        un("auth_winbind_helper_path", STRING, "/usr/bin/ntlm_auth");
        un("auth_krb5_keytab", STRING, "");
        un("auth_gssapi_hostname", STRING, "");
        un("auth_proxy_self", STRING, "");
        un("auth_stats", BOOL, "no");

        // ---- mail storage (core storage API, maildir, mbox) ----------------------------------------
        h("mail_location", STRING, "");
        h("mail_uid", STRING, "");
        h("mail_gid", STRING, "");
        h("mail_home", STRING, "");
        h("mail_plugins", LIST, "");
        pm("mail_plugin_dir", STRING, "/usr/lib/dovecot/modules");
        pm("mail_privileged_group", STRING, "");
        pm("mail_access_groups", STRING, "");
        un("mail_chroot", STRING, "");
        un("mail_full_filesystem_access", BOOL, "no");
        h("mail_max_userip_connections", UINT, "10");
        un("mail_max_keyword_length", UINT, "50");
        un("mail_max_lock_timeout", DURATION, "0");
        h("mail_temp_dir", STRING, "/tmp");
        un("mail_shared_explicit_inbox", BOOL, "no");
        un("mail_server_comment", STRING, "");
        un("mail_server_admin", STRING, "");
        un("mail_save_crlf", BOOL, "no");
        un("mail_attribute_dict", STRING, "");
        nn("mail_cache_min_mail_count", UINT, "0", "Loft's index caches every message's parsed structure");
        nn("mail_never_cache_fields", STRING, "imap.envelope", "Loft's index decides what it caches");
        nn("mail_always_cache_fields", STRING, "", "Loft's index decides what it caches");
        nn("mail_cache_fields", STRING, "flags", "Loft's index decides what it caches");
        nn("mail_prefetch_count", UINT, "0", "Loft's reads are not done in a separate process");
        nn("mail_vsize_bg_after_count", UINT, "0", "Loft's index stores virtual sizes at save time");
        nn("mailbox_list_index", BOOL, "yes", "Loft's own index replaces Dovecot's mailbox list index");
        un("mail_sort_max_read_count", UINT, "0");
        h("mailbox_idle_check_interval", DURATION, "30 secs");
        un("mail_temp_scan_interval", DURATION, "1w");
        h("first_valid_uid", UINT, "500");
        h("last_valid_uid", UINT, "0");
        un("first_valid_gid", UINT, "1");
        un("last_valid_gid", UINT, "0");
        un("maildir_stat_dirs", BOOL, "no");
        un("maildir_copy_with_hardlinks", BOOL, "yes");
        un("maildir_very_dirty_syncs", BOOL, "no");
        un("maildir_broken_filename_sizes", BOOL, "no");
        un("maildir_empty_new", BOOL, "no");
        h("mbox_read_locks", LIST, "fcntl");
        h("mbox_write_locks", LIST, "dotlock fcntl");
        h("mbox_lock_timeout", DURATION, "5 mins");
        h("mbox_dotlock_change_timeout", DURATION, "2 mins");
        un("mbox_dirty_syncs", BOOL, "yes");
        un("mbox_very_dirty_syncs", BOOL, "no");
        un("mbox_lazy_writes", BOOL, "yes");
        un("mbox_min_index_size", SIZE, "0");
        un("mbox_md5", STRING, "apop3d");

        // ---- submission (submission) ---------------------------------------------------------------
        h("submission_logout_format", STRING, "in=%i out=%o");
        h("submission_max_mail_size", SIZE, "");
        h("submission_max_recipients", UINT, "0");
        h("submission_client_workarounds", LIST, "");
        h("submission_backend_capabilities", STRING, "");
        // Dovecot 2.4's switch for the Received field; 2.3 always adds it, which is this default.
        h("submission_add_received_header", BOOL, "yes");
        h("submission_relay_host", STRING, "");
        h("submission_relay_port", UINT, "25");
        h("submission_relay_trusted", BOOL, "no");
        h("submission_relay_user", STRING, "");
        un("submission_relay_master_user", STRING, "", "Loft's relay client authenticates as"
                + " submission_relay_user itself and cannot log in as a master user for it");
        h("submission_relay_password", STRING, "");
        e("submission_relay_ssl", "no", "no", "smtps", "starttls");
        h("submission_relay_ssl_verify", BOOL, "yes");
        un("submission_relay_rawlog_dir", STRING, "", "Loft writes no protocol rawlogs of the relay connection");
        h("submission_relay_max_idle_time", DURATION, "29 mins");
        h("submission_relay_connect_timeout", DURATION, "30 secs");
        h("submission_relay_command_timeout", DURATION, "5 mins");

        // ---- delivery: lda and lmtp (lmtp) ---------------------------------------------------------
        h("postmaster_address", STRING, "postmaster@%d");
        h("recipient_delimiter", STRING, "+");
        h("quota_full_tempfail", BOOL, "no");
        h("lda_original_recipient_header", STRING, "");
        h("lda_mailbox_autocreate", BOOL, "no");
        h("lda_mailbox_autosubscribe", BOOL, "no");
        h("sendmail_path", STRING, "/usr/sbin/sendmail");
        h("submission_host", STRING, "");
        h("rejection_subject", STRING, "Rejected: %s");
        h("rejection_reason", STRING, "Your message to <%t> was automatically rejected:%n%r");
        h("deliver_log_format", STRING, "msgid=%m: %$");
        h("lmtp_save_to_detail_mailbox", BOOL, "no");
        h("lmtp_rcpt_check_quota", BOOL, "no");
        h("lmtp_add_received_header", BOOL, "yes");
        e("lmtp_hdr_delivery_address", "final", "none", "final", "original");
        h("lmtp_user_concurrency_limit", UINT, "0");
        un("lmtp_proxy", BOOL, "no");
        un("lmtp_address_translate", STRING, "");
        un("lmtp_client_workarounds", STRING, "");

        // ---- imap (imap) ---------------------------------------------------------------------------
        h("imap_max_line_length", SIZE, "64k");
        h("imap_idle_notify_interval", DURATION, "2 mins");
        un("imap_capability", STRING, "");
        un("imap_client_workarounds", LIST, "");
        un("imap_logout_format", STRING, "in=%i out=%o deleted=%{deleted} expunged=%{expunged} trashed=%{trashed}"
                + " hdr_count=%{fetch_hdr_count} hdr_bytes=%{fetch_hdr_bytes} body_count=%{fetch_body_count}"
                + " body_bytes=%{fetch_body_bytes}");
        un("imap_id_send", STRING, "name *");
        un("imap_id_log", STRING, "");
        un("imap_literal_minus", BOOL, "no");
        row(global, "imap_fetch_failure", STRING, "disconnect-immediately", UNSUPPORTED, "", true);
        un("imap_metadata", BOOL, "no");
        un("imap_hibernate_timeout", DURATION, "0");

        // ---- pop3 (pop3) -------------------------------------------------------------------------
        h("pop3_uidl_format", STRING, "%08Xu%08Xv");
        h("pop3_lock_session", BOOL, "no");
        h("pop3_no_flag_updates", BOOL, "no");
        h("pop3_reuse_xuidl", BOOL, "no");
        h("pop3_save_uidl", BOOL, "no");
        e("pop3_delete_type", "default", "default", "expunge", "flag");
        h("pop3_deleted_flag", STRING, "");
        h("pop3_enable_last", BOOL, "no");
        h("pop3_client_workarounds", LIST, "");
        h("pop3_logout_format", STRING, "top=%t/%p, retr=%r/%b, del=%d/%m, size=%s");
        e("pop3_uidl_duplicates", "allow", "allow", "rename");
        nn("pop3_fast_size_lookups", BOOL, "no", "Loft's index always knows message sizes");
        // managesieve (Pigeonhole 0.5's 20-managesieve.conf); other managesieve_ keys stay unsupported
        h("managesieve_max_line_length", SIZE, "65536");
        h("managesieve_implementation_string", STRING, "Dovecot Pigeonhole");
        h("managesieve_sieve_capability", STRING, "");
        h("managesieve_notify_capability", STRING, "");
        h("managesieve_max_compile_errors", UINT, "5");
        h("managesieve_logout_format", STRING, "bytes=%i/%o");

        // ---- plugin { } keys (quota: core/storage; sieve: sieve) -------------------------------------
        p("quota", STRING, "", true);
        p("quota_rule", STRING, "", true);
        p("quota_grace", STRING, "10%%", false);
        row(plugin, "quota_warning", STRING, "", UNSUPPORTED, "", true);
        NUMBERED_PLUGIN_KEYS.add("quota_warning");
        p("quota_exceeded_message", STRING, "Quota exceeded (mailbox for user is full)", false);
        p("quota_max_mail_size", SIZE, "0", false);
        row(plugin, "quota_vsizes", BOOL, "no", UNSUPPORTED, "", true);
        p("sieve", STRING, "file:~/sieve;active=~/.dovecot.sieve", false);
        p("sieve_dir", STRING, "", false);
        p("sieve_default", STRING, "", false);
        p("sieve_default_name", STRING, "", false);
        p("sieve_global", STRING, "", false);
        p("sieve_global_dir", STRING, "", false);
        p("sieve_global_path", STRING, "", false);
        p("sieve_before", STRING, "", true);
        p("sieve_after", STRING, "", true);
        p("sieve_discard", STRING, "", false);
        p("sieve_extensions", STRING, "", false);
        p("sieve_global_extensions", STRING, "", false);
        p("sieve_max_script_size", SIZE, "1M", false);
        p("sieve_max_actions", UINT, "32", false);
        p("sieve_max_redirects", UINT, "4", false);
        p("sieve_quota_max_scripts", UINT, "0", false);
        p("sieve_quota_max_storage", SIZE, "0", false);
        p("sieve_redirect_envelope_from", STRING, "sender", false);
        p("sieve_user_log", STRING, "", false);
        p("sieve_vacation_min_period", DURATION, "1d", false);
        p("sieve_vacation_default_period", DURATION, "7d", false);
        p("sieve_vacation_max_period", DURATION, "0", false);
        p("sieve_vacation_dont_check_recipient", BOOL, "no", false);
        p("sieve_vacation_send_from_recipient", BOOL, "no", false);
        p("sieve_vacation_use_original_recipient", BOOL, "no", false);
        for (String test : List.of("spamtest", "virustest")) {
            p("sieve_" + test + "_status_type", STRING, "", false);
            p("sieve_" + test + "_status_header", STRING, "", false);
            p("sieve_" + test + "_max_value", STRING, "", false);
            p("sieve_" + test + "_max_header", STRING, "", false);
            p("sieve_" + test + "_text_value", STRING, "", true);
        }
        row(plugin, "recipient_delimiter", STRING, "+", UNSUPPORTED, "", true); // Dovecot 2.0's place for it
        plugin.put("sieve_plugins", new SettingDefinition("sieve_plugins", STRING, "", UNSUPPORTED, List.of(), "", true));

        GLOBAL = Map.copyOf(global);
        PLUGIN = Map.copyOf(plugin);
        SECTIONS = sections();
    }

    /** The definition of a top-level setting, or null. */
    public static SettingDefinition global(String name) {
        return GLOBAL.get(name);
    }

    /** True when {@code key} belongs to a Dovecot feature Loft does not have. */
    public static boolean isUnsupportedFeature(String key) {
        return UNSUPPORTED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, SectionDefinition> sections() {
        Map<String, SectionDefinition> s = new LinkedHashMap<>();
        Set<String> filters = Set.of("protocol", "local", "remote", "local_name");
        Set<String> topChildren = Set.of("service", "passdb", "userdb", "namespace", "plugin",
                "protocol", "local", "remote", "local_name", "dict", "metric", "event_exporter", "auth_policy",
                "doveadm", "shared");
        s.put("", new SectionDefinition("", SectionDefinition.Naming.NONE, GLOBAL, Set.of(), topChildren,
                HONOURED, false));
        java.util.HashSet<String> filterChildren = new java.util.HashSet<>(filters);
        filterChildren.add("plugin");
        for (String f : filters) {
            s.put(f, new SectionDefinition(f, SectionDefinition.Naming.FILTER, GLOBAL, Set.of(), filterChildren,
                    HONOURED, false));
        }
        s.put("plugin", new SectionDefinition("plugin", SectionDefinition.Naming.NONE, PLUGIN,
                numbered(plugin), Set.of(), HONOURED, false));

        Map<String, SettingDefinition> service = new LinkedHashMap<>();
        row(service, "protocol", STRING, "", PROCESS_MODEL, "", true);
        row(service, "type", STRING, "", PROCESS_MODEL, "", true);
        row(service, "executable", STRING, "", PROCESS_MODEL, "", true);
        row(service, "user", STRING, "", PROCESS_MODEL, "", true);
        row(service, "group", STRING, "", PROCESS_MODEL, "", true);
        row(service, "privileged_group", STRING, "", PROCESS_MODEL, "", true);
        row(service, "extra_groups", STRING, "", PROCESS_MODEL, "", true);
        row(service, "chroot", STRING, "", PROCESS_MODEL, "", true);
        row(service, "drop_priv_before_exec", BOOL, "no", PROCESS_MODEL, "", true);
        row(service, "process_min_avail", UINT, "0", PROCESS_MODEL, "", true);
        row(service, "service_count", UINT, "0", PROCESS_MODEL, "", true);
        row(service, "idle_kill", DURATION, "", PROCESS_MODEL, "", true);
        row(service, "vsz_limit", SIZE, "", PROCESS_MODEL, "", true);
        row(service, "process_limit", UINT, "", HONOURED, "connection limit (default: default_process_limit)", true);
        row(service, "client_limit", UINT, "", HONOURED, "connection limit (default: default_client_limit)", true);
        s.put("service", new SectionDefinition("service", SectionDefinition.Naming.REQUIRED, service, Set.of(),
                Set.of("inet_listener", "unix_listener", "fifo_listener"), HONOURED, false));

        Map<String, SettingDefinition> inet = new LinkedHashMap<>();
        row(inet, "address", LIST, "", HONOURED, "default: the listen setting", true);
        row(inet, "port", UINT, "0", HONOURED, "0 disables the listener", true);
        row(inet, "ssl", BOOL, "no", HONOURED, "", true);
        row(inet, "haproxy", BOOL, "no", UNSUPPORTED, "", true);
        row(inet, "reuse_port", BOOL, "no", NOT_NEEDED, "Loft listens in one process", true);
        s.put("inet_listener", new SectionDefinition("inet_listener", SectionDefinition.Naming.OPTIONAL, inet,
                Set.of(), Set.of(), HONOURED, false));
        Map<String, SettingDefinition> unix = new LinkedHashMap<>();
        row(unix, "mode", OCTAL, "0600", HONOURED, "", true);
        row(unix, "user", STRING, "", HONOURED, "", true);
        row(unix, "group", STRING, "", HONOURED, "", true);
        s.put("unix_listener", new SectionDefinition("unix_listener", SectionDefinition.Naming.REQUIRED, unix,
                Set.of(), Set.of(), HONOURED, false));
        s.put("fifo_listener", new SectionDefinition("fifo_listener", SectionDefinition.Naming.REQUIRED, unix,
                Set.of(), Set.of(), PROCESS_MODEL, false));

        List<String> results = List.of("return-ok", "return", "return-fail", "continue", "continue-ok", "continue-fail");
        Map<String, SettingDefinition> userdb = new LinkedHashMap<>();
        row(userdb, "driver", STRING, "", HONOURED, "", true);
        row(userdb, "args", STRING, "", HONOURED, "", true);
        row(userdb, "default_fields", STRING, "", HONOURED, "", true);
        row(userdb, "override_fields", STRING, "", HONOURED, "", true);
        enumRow(userdb, "skip", "never", "never", "found", "notfound");
        enumRow(userdb, "result_success", "return-ok", results.toArray(String[]::new));
        enumRow(userdb, "result_failure", "continue", results.toArray(String[]::new));
        enumRow(userdb, "result_internalfail", "continue", results.toArray(String[]::new));
        enumRow(userdb, "auth_verbose", "default", "default", "yes", "no");
        s.put("userdb", new SectionDefinition("userdb", SectionDefinition.Naming.OPTIONAL, userdb, Set.of(),
                Set.of(), HONOURED, true));
        Map<String, SettingDefinition> passdb = new LinkedHashMap<>(userdb);
        enumRow(passdb, "skip", "never", "never", "authenticated", "unauthenticated");
        row(passdb, "mechanisms", LIST, "", HONOURED, "", true);
        row(passdb, "username_filter", STRING, "", HONOURED, "", true);
        row(passdb, "deny", BOOL, "no", HONOURED, "", true);
        row(passdb, "pass", BOOL, "no", HONOURED, "", true);
        row(passdb, "master", BOOL, "no", HONOURED, "", true);
        s.put("passdb", new SectionDefinition("passdb", SectionDefinition.Naming.OPTIONAL, passdb, Set.of(),
                Set.of(), HONOURED, true));

        Map<String, SettingDefinition> namespace = new LinkedHashMap<>();
        enumRow(namespace, "type", "private", "private", "shared", "public");
        row(namespace, "separator", STRING, "", HONOURED, "", true);
        row(namespace, "prefix", STRING, "", HONOURED, "", true);
        row(namespace, "location", STRING, "", HONOURED, "", true);
        row(namespace, "inbox", BOOL, "no", HONOURED, "", true);
        row(namespace, "hidden", BOOL, "no", HONOURED, "", true);
        enumRow(namespace, "list", "yes", "yes", "no", "children");
        row(namespace, "subscriptions", BOOL, "yes", HONOURED, "", true);
        row(namespace, "ignore_on_failure", BOOL, "no", HONOURED, "", true);
        row(namespace, "disabled", BOOL, "no", HONOURED, "", true);
        row(namespace, "order", UINT, "0", HONOURED, "", true);
        row(namespace, "alias_for", STRING, "", UNSUPPORTED, "", true);
        s.put("namespace", new SectionDefinition("namespace", SectionDefinition.Naming.OPTIONAL, namespace,
                Set.of(), Set.of("mailbox"), HONOURED, true));
        Map<String, SettingDefinition> mailbox = new LinkedHashMap<>();
        enumRow(mailbox, "auto", "no", "no", "create", "subscribe");
        row(mailbox, "special_use", STRING, "", HONOURED, "", true);
        row(mailbox, "autoexpunge", DURATION, "0", UNSUPPORTED, "", true);
        row(mailbox, "autoexpunge_max_mails", UINT, "0", UNSUPPORTED, "", true);
        row(mailbox, "driver", STRING, "", UNSUPPORTED, "", true);
        s.put("mailbox", new SectionDefinition("mailbox", SectionDefinition.Naming.REQUIRED, mailbox, Set.of(),
                Set.of(), HONOURED, false));

        for (String unsupported : List.of("dict", "metric", "event_exporter", "auth_policy", "doveadm", "shared")) {
            s.put(unsupported, new SectionDefinition(unsupported, SectionDefinition.Naming.OPTIONAL, Map.of(),
                    Set.of(), Set.of(), UNSUPPORTED, false));
        }
        return Map.copyOf(s);
    }

    private static Set<String> numbered(Map<String, SettingDefinition> table) {
        return table.values().stream().filter(SettingDefinition::filterable)
                .filter(d -> NUMBERED_PLUGIN_KEYS.contains(d.name())).map(SettingDefinition::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void row(Map<String, SettingDefinition> m, String name, SettingType t, String def, Support s,
            String note, boolean filterable) {
        if (m.put(name, new SettingDefinition(name, t, def, s, List.of(), note, filterable)) != null) {
            throw new IllegalStateException("duplicate setting row " + name);
        }
    }

    private static void enumRow(Map<String, SettingDefinition> m, String name, String def, String... allowed) {
        m.put(name, new SettingDefinition(name, SettingType.ENUM, def, HONOURED, List.of(allowed), "", true));
    }

    private static void h(String name, SettingType t, String def) {
        row(global, name, t, def, HONOURED, "", true);
    }

    private static void top(String name, SettingType t, String def) {
        row(global, name, t, def, HONOURED, "", false);
    }

    private static void e(String name, String def, String... allowed) {
        if (global.put(name, new SettingDefinition(name, SettingType.ENUM, def, HONOURED, List.of(allowed), "", true))
                != null) {
            throw new IllegalStateException("duplicate setting row " + name);
        }
    }

    private static void pm(String name, SettingType t, String def) {
        row(global, name, t, def, PROCESS_MODEL, "", true);
    }

    private static void nn(String name, SettingType t, String def, String why) {
        row(global, name, t, def, NOT_NEEDED, why, true);
    }

    private static void un(String name, SettingType t, String def) {
        row(global, name, t, def, UNSUPPORTED, "", true);
    }

    /** Unsupported for a reason worth telling whoever sets it. */
    private static void un(String name, SettingType t, String def, String why) {
        row(global, name, t, def, UNSUPPORTED, why, true);
    }

    private static void p(String name, SettingType t, String def, boolean numbered) {
        Support support = SIEVE_NOT_YET_KEYS.contains(name) ? UNSUPPORTED : HONOURED;
        row(plugin, name, t, def, support, support == UNSUPPORTED ? SIEVE_NOT_YET : "", true);
        if (numbered) {
            NUMBERED_PLUGIN_KEYS.add(name);
        }
    }
}
