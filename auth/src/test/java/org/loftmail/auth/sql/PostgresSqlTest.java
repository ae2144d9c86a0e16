package org.loftmail.auth.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** The sql drivers against the machine's PostgreSQL (127.0.0.1:5432, trust), in a database of their own. */
class PostgresSqlTest extends SqlDriverContract {
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = "loft_auth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + "); skipped");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    String driver() {
        return "pgsql";
    }

    @Override
    String connect(int port) {
        return "host=127.0.0.1 port=" + (port == 0 ? 5432 : port) + " dbname=" + database + " user=postgres connect_timeout=1";
    }

    @Override
    void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    String slowPasswordQuery() {
        return "SELECT username AS user, password FROM mailbox, pg_sleep(CASE WHEN '%u' = 'old@example.com' THEN 3 ELSE 0 END) "
                + "WHERE username = '%u' AND active = '1'";
    }

    @Override
    boolean slowQueryRunning() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%old@example.com%'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    @Override
    int serverPort() {
        return 5432;
    }

    @Override
    String activeType() {
        return "BOOLEAN";
    }
}
