package org.loftmail.auth.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Dovecot's {@code connect} string turned into a JDBC URL and pool sizes:
 * {@code host=… port=… dbname=… user=… password=… [maxconns=N] [connect_timeout=S]} for pgsql and
 * mysql (several {@code host=} give fail-over), and a file path for sqlite.
 */
public record SqlConnection(String jdbcUrl, Properties properties, int maxConnections, Duration connectTimeout) {

    public static SqlConnection parse(String driver, String connect) {
        if (driver.equals("sqlite")) {
            String path = connect.strip();
            if (path.startsWith("dbname=")) {
                path = path.substring("dbname=".length());
            }
            return new SqlConnection("jdbc:sqlite:" + path, new Properties(), 1, Duration.ofSeconds(5));
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> hosts = new ArrayList<>();
        for (String token : tokens(connect)) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sql connect: expected key=value, got '" + token + "'");
            }
            String k = token.substring(0, eq);
            String v = token.substring(eq + 1);
            if (k.equals("host")) {
                hosts.add(v);
            } else {
                params.put(k, v);
            }
        }
        if (hosts.isEmpty()) {
            hosts.add("localhost");
        }
        for (String h : hosts) {
            if (h.startsWith("/")) {
                throw new IllegalArgumentException("sql connect: unix socket hosts (" + h
                        + ") are not supported over JDBC; use host=127.0.0.1");
            }
        }
        String dbname = params.remove("dbname");
        if (dbname == null || dbname.isEmpty()) {
            throw new IllegalArgumentException("sql connect: dbname missing");
        }
        String port = params.remove("port");
        String defaultPort = driver.equals("pgsql") ? "5432" : "3306";
        StringBuilder hostList = new StringBuilder();
        for (String h : hosts) {
            if (!hostList.isEmpty()) {
                hostList.append(',');
            }
            hostList.append(h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h)
                    .append(':').append(port == null ? defaultPort : port);
        }
        Properties props = new Properties();
        String user = params.remove("user");
        String password = params.remove("password");
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        int maxConns = 5;
        String mc = params.remove("maxconns");
        if (mc != null) {
            maxConns = Integer.parseInt(mc);
            if (maxConns < 1 || maxConns > 1000) {
                throw new IllegalArgumentException("sql connect: maxconns out of range");
            }
        }
        Duration timeout = Duration.ofSeconds(5);
        String ct = params.remove("connect_timeout");
        if (ct != null) {
            timeout = Duration.ofSeconds(Integer.parseInt(ct));
        }
        String url = driver.equals("pgsql")
                ? "jdbc:postgresql://" + hostList + "/" + dbname
                : "jdbc:mariadb://" + hostList + "/" + dbname;
        if (driver.equals("pgsql")) {
            props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            props.setProperty("socketTimeout", "30");
            String sslmode = params.remove("sslmode");
            if (sslmode != null) {
                props.setProperty("sslmode", sslmode);
            }
        } else {
            props.setProperty("connectTimeout", Long.toString(Math.max(1000, timeout.toMillis())));
            props.setProperty("socketTimeout", "30000");
            params.remove("client_flags");
        }
        params.remove("ssl_ca");
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("sql connect: unsupported parameters " + params.keySet());
        }
        return new SqlConnection(url, props, maxConns, timeout);
    }

    /** Splits on spaces, honouring '…' and "…" quoting (libpq style). */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "SqlConnection[" + jdbcUrl + "]"; // never the password
    }
}
