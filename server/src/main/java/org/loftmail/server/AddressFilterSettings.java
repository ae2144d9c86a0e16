package org.loftmail.server;

import java.util.List;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.SslSettings;

/**
 * Refuses what the server would otherwise ignore: it resolves settings per protocol, once, so a setting inside a
 * {@code local} or {@code remote} filter (at any depth), or a setting other than TLS inside a {@code local_name}
 * filter, would never reach a session. Such a file is an error with file:line, as the project's rule for
 * features Loft does not have yet asks. TLS settings have their own checks (per-name contexts, ADR 0111).
 */
final class AddressFilterSettings {

    private AddressFilterSettings() {}

    static void reject(ConfigSection root) {
        walk(root, null);
    }

    /** {@code scope} is the innermost local/remote/local_name filter around {@code section}, or null. */
    private static void walk(ConfigSection section, ConfigSection scope) {
        for (String filter : List.of("protocol", "local", "remote", "local_name")) {
            for (ConfigSection f : section.children(filter)) {
                ConfigSection inner = filter.equals("protocol") ? scope : f;
                if (inner != null) {
                    rejectSettings(f, inner);
                }
                walk(f, inner);
            }
        }
    }

    private static void rejectSettings(ConfigSection block, ConfigSection scope) {
        boolean perName = scope.type().equals("local_name");
        for (var entry : block.settings().entrySet()) {
            String key = entry.getKey();
            if (SslSettings.PER_NAME_KEYS.contains(key)) {
                continue; // TLS: chosen by SNI name, or refused with its own message
            }
            throw new ConfigException(entry.getValue().location(), key + " inside " + scope.header() + " { } is"
                    + " not supported yet: Loft applies settings per protocol, not per "
                    + (perName ? "SNI name (only TLS settings may differ per local_name)" : "connection address"));
        }
        for (ConfigSection child : block.children()) {
            if (!List.of("protocol", "local", "remote", "local_name").contains(child.type())) {
                throw new ConfigException(child.location(), child.header() + " { } inside " + scope.header()
                        + " { } is not supported yet: Loft applies settings per protocol, not per connection");
            }
        }
    }
}
