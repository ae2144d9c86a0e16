package org.loftmail.auth.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** The sql drivers (driver = mysql) against the machine's MariaDB (127.0.0.1:3306, root), in a database of their own. */
class MariaDbSqlTest extends SqlDriverContract {
    static final String ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = "loft_auth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "root", ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            Assumptions.abort("MariaDB is not reachable on 127.0.0.1:3306 (" + e.getMessage() + "); skipped");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "root", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Override
    String driver() {
        return "mysql";
    }

    @Override
    String connect(int port) {
        return "host=127.0.0.1 port=" + (port == 0 ? 3306 : port) + " dbname=" + database + " user=root connect_timeout=1";
    }

    @Override
    void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    String slowPasswordQuery() {
        return "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1' "
                + "AND SLEEP(CASE WHEN '%u' = 'old@example.com' THEN 3 ELSE 0 END) = 0";
    }

    @Override
    boolean slowQueryRunning() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "root", ""); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.processlist WHERE command = 'Query' AND id <> CONNECTION_ID() AND info LIKE '%old@example.com%SLEEP%'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    @Override
    int serverPort() {
        return 3306;
    }

    @Override
    String activeType() {
        return "TINYINT(1)";
    }
}
