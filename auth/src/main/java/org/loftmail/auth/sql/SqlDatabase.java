package org.loftmail.auth.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One pool of connections for a dovecot-sql.conf.ext (HikariCP). A database that is down or
 * slow makes a query throw {@link SQLException} within the pool's connection timeout, which the
 * drivers report as a temporary failure: never as a wrong password, and never for longer than
 * that timeout. The pool reconnects by itself when the database is back.
 */
public final class SqlDatabase implements AutoCloseable {
    /** Seconds one query may run before it counts as a failure. */
    static final int QUERY_TIMEOUT_SECONDS = 10;

    private final SqlSettings settings;
    private final HikariDataSource pool;

    public SqlDatabase(SqlSettings settings) {
        this.settings = settings;
        SqlConnection c = SqlConnection.parse(settings.driver(), settings.connect());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(c.jdbcUrl());
        config.setDataSourceProperties(c.properties());
        config.setMaximumPoolSize(c.maxConnections());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, c.connectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(c.connectTimeout().toMillis(), 5000)));
        config.setInitializationFailTimeout(-1); // start even when the database is down
        config.setReadOnly(!settings.driver().equals("sqlite"));
        config.setPoolName("loft-auth-sql-" + settings.driver());
        config.setAutoCommit(true);
        this.pool = new HikariDataSource(config);
    }

    public SqlSettings settings() {
        return settings;
    }

    /** The driver's string escaping for values put inside '…' in a query. */
    public UnaryOperator<String> escaper() {
        return switch (settings.driver()) {
            case "mysql" -> SqlDatabase::escapeMysql;
            default -> SqlDatabase::escapeStandard;
        };
    }

    /** Runs a query; every row as column label → value (NULLs left out), labels lower-cased. */
    public List<Map<String, String>> query(String sql) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, String>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String v = rs.getString(i);
                        if (v != null) {
                            row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), v);
                        }
                    }
                    rows.add(row);
                    if (rows.size() > 100_000) {
                        throw new SQLException("query returned too many rows");
                    }
                }
                return rows;
            }
        }
    }

    static String escapeStandard(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in an SQL value");
        }
        return s.replace("'", "''");
    }

    static String escapeMysql(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\0' -> b.append("\\0");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\u001a' -> b.append("\\Z");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        pool.close();
    }
}
