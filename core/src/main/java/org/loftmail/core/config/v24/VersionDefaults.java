package org.loftmail.core.config.v24;

import java.util.List;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.SourceLocation;

/**
 * Defaults that follow the declared {@code dovecot_config_version}, as Dovecot's settings history defines them: a
 * file declaring a version keeps the defaults of that version even under a later Dovecot. Loft's settings table
 * holds 2.3's defaults; each row here is a top-level default that a later version changed, applied (at the line of
 * {@code dovecot_config_version}) when the file declares that version or later and does not set it itself.
 *
 * <p>The table, from doc.dovecot.org's "Upgrading 2.4 to 2.4.x" (only the rows of settings Loft honours):
 * <pre>
 * setting                        since   2.3 / earlier   new
 * lmtp_user_concurrency_limit    2.4.1   0 (unlimited)   10
 * </pre>
 * Rows of process-model settings (service lmtp restart_request_count = 1, the anvil/auth-userdb listener groups)
 * are left out: Loft accepts and ignores those settings whatever their value.
 */
final class VersionDefaults {

    private record Row(String key, DovecotVersion since, String value) {}

    private static final List<Row> ROWS = List.of(
            new Row("lmtp_user_concurrency_limit", DovecotVersion.V2_4_1, "10"));

    private VersionDefaults() {}

    static void apply(DovecotVersion declared, ConfigSection root, SourceLocation versionAt,
            ConfigParser.TreeWriter out) {
        for (Row row : ROWS) {
            if (declared.compareTo(row.since()) >= 0 && !root.settings().containsKey(row.key())) {
                out.set(row.key(), row.value(), versionAt, null);
            }
        }
    }
}
