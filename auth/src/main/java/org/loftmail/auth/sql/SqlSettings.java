package org.loftmail.auth.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * A dovecot-sql.conf.ext file: {@code driver}, {@code connect}, {@code default_pass_scheme},
 * {@code password_query}, {@code user_query}, {@code iterate_query}. Values may continue on the
 * next line after a trailing backslash and may be quoted, as in Dovecot's configuration files.
 */
public record SqlSettings(String driver, String connect, String defaultPassScheme, String passwordQuery,
                          String userQuery, String iterateQuery) {

    public SqlSettings {
        Objects.requireNonNull(driver, "driver");
        driver = driver.toLowerCase(Locale.ROOT);
        if (!List.of("pgsql", "mysql", "sqlite").contains(driver)) {
            throw new InvalidSettingException("driver",
                    "sql: driver must be pgsql, mysql or sqlite, not '" + driver + "'");
        }
        if (connect == null || connect.isBlank()) {
            throw new IllegalArgumentException("sql: connect setting missing");
        }
        // Dovecot's default for SQL passdbs.
        defaultPassScheme = defaultPassScheme == null || defaultPassScheme.isBlank() ? "MD5" : defaultPassScheme;
        passwordQuery = passwordQuery == null ? "" : passwordQuery;
        userQuery = userQuery == null ? "" : userQuery;
        iterateQuery = iterateQuery == null ? "" : iterateQuery;
    }

    public static SqlSettings read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        StringBuilder pending = null;
        int lineNo = 0;
        int startLine = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (pending == null && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            if (continues) {
                line = line.substring(0, line.length() - 1).strip();
            }
            if (pending == null) {
                pending = new StringBuilder(line);
                startLine = lineNo;
            } else if (!line.isEmpty()) {
                pending.append(pending.isEmpty() || pending.charAt(pending.length() - 1) == '=' ? "" : " ").append(line);
            }
            if (!continues) {
                lineOf.put(put(values, pending.toString(), file, startLine), startLine);
                pending = null;
            }
        }
        if (pending != null) {
            lineOf.put(put(values, pending.toString(), file, startLine), startLine);
        }
        for (String key : values.keySet()) {
            if (!List.of("driver", "connect", "default_pass_scheme", "password_query", "user_query", "iterate_query")
                    .contains(key)) {
                throw new IllegalArgumentException(file + ":" + lineOf.get(key) + ": unknown setting '" + key + "'");
            }
        }
        try {
            return new SqlSettings(values.get("driver"), values.get("connect"), values.get("default_pass_scheme"),
                    values.get("password_query"), values.get("user_query"), values.get("iterate_query"));
        } catch (InvalidSettingException e) {
            // the file's own line for the value that is wrong
            throw new IllegalArgumentException(file + ":" + lineOf.get(e.key()) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // a setting that is missing has no line
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Stores one {@code key = value} line and returns its key. */
    private static String put(Map<String, String> values, String line, Path file, int lineNo) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": expected 'key = value'");
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        values.put(key, value);
        return key;
    }
}
