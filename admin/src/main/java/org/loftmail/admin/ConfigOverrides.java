package org.loftmail.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * doveadm's {@code -o key=value}: the configuration as if the file ended with these settings. Written as a private
 * temporary file that includes the real one and then sets them ({@code plugin/quota=…} becomes a {@code plugin { }}
 * block), so every setting keeps its checks and errors still name the real file's lines.
 */
final class ConfigOverrides {

    private ConfigOverrides() {}

    static Path write(Path original, List<String> overrides) throws IOException {
        StringBuilder text = new StringBuilder("# adm -o: ").append(original).append(" with overrides\n");
        text.append("!include ").append(original.toAbsolutePath().normalize()).append('\n');
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-o needs KEY=VALUE, not '" + o + "'");
            }
            String[] path = o.substring(0, eq).strip().split("/");
            String value = o.substring(eq + 1);
            for (String part : path) {
                if (part.isEmpty() || !part.matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("-o: invalid setting name '" + o.substring(0, eq) + "'");
                }
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("-o: a value cannot contain a line break");
            }
            for (int i = 0; i < path.length - 1; i++) {
                text.append(path[i]).append(" {\n");
            }
            text.append(path[path.length - 1]).append(" = ").append(quote(value)).append('\n');
            text.append("}\n".repeat(path.length - 1));
        }
        Path file = Files.createTempFile("adm-overrides-", ".conf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
        return file;
    }

    /** Quoted when a comment sign, a quote or edge spaces would change its meaning. */
    private static String quote(String value) {
        if (value.isEmpty() || value.contains("#") || value.contains("\"") || !value.equals(value.strip())) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return value;
    }
}
