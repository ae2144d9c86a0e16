package org.loftmail.core.config.v24;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigValue;

/**
 * 2.4's {@code mail_driver}, {@code mail_path}, {@code mail_inbox_path}, {@code mail_index_path},
 * {@code mail_control_path} and {@code mailbox_list_layout} of one scope, written as the 2.3 {@code mail_location}
 * Loft's storage reads: {@code mbox:~/mail:INBOX=/var/mail/%u}.
 */
final class MailLocation {

    static final Set<String> KEYS = Set.of("mail_driver", "mail_path", "mail_inbox_path", "mail_index_path",
            "mail_control_path", "mailbox_list_layout");

    /** The 2.3 mail_location parameter each 2.4 path setting becomes. */
    private static final java.util.List<Map.Entry<String, String>> PARAMETERS = java.util.List.of(
            Map.entry("mail_inbox_path", "INBOX"), Map.entry("mail_index_path", "INDEX"),
            Map.entry("mail_control_path", "CONTROL"));

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, ConfigValue> written = new LinkedHashMap<>();

    void put(String key, ConfigValue at, String value23) {
        values.put(key, value23);
        written.put(key, at);
    }

    void emit(ConfigParser.TreeWriter out) {
        if (written.isEmpty()) {
            return;
        }
        ConfigValue first = written.containsKey("mail_driver") ? written.get("mail_driver")
                : written.values().iterator().next();
        String driver = values.get("mail_driver");
        String path = values.get("mail_path");
        if (driver == null || driver.isEmpty()) {
            throw new ConfigException(first.location(), "mail_driver is not set: Loft needs mail_driver with "
                    + String.join(", ", written.keySet()));
        }
        if (path == null || path.isEmpty()) {
            throw new ConfigException(first.location(), "mail_path is not set: Loft needs it with mail_driver = "
                    + driver);
        }
        StringBuilder location = new StringBuilder(driver).append(':').append(home(path));
        String layout = values.get("mailbox_list_layout");
        if (layout != null && !layout.isEmpty() && !layout.equals(defaultLayout(driver))) {
            location.append(":LAYOUT=").append(layout);
        }
        for (Map.Entry<String, String> p : PARAMETERS) {
            String v = values.get(p.getKey());
            if (v != null && !v.isEmpty()) {
                location.append(':').append(p.getValue()).append('=').append(home(v));
            }
        }
        out.set("mail_location", location.toString(), first.location(), null);
    }

    private static String defaultLayout(String driver) {
        return driver.equals("maildir") ? "maildir++" : "fs";
    }

    /** {@code %{home}} at the start of a path is what 2.3 writes as {@code ~}. */
    private static String home(String path) {
        return path.startsWith("%h/") || path.equals("%h") ? "~" + path.substring(2) : path;
    }
}
