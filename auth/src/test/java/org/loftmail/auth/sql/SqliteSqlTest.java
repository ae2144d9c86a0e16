package org.loftmail.auth.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The sql drivers on an embedded SQLite file. */
class SqliteSqlTest extends SqlDriverContract {

    String file() {
        return dir.resolve("users.sqlite").toString();
    }

    @Override
    String driver() {
        return "sqlite";
    }

    @Override
    String connect(int port) {
        return file();
    }

    @Override
    void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    int serverPort() {
        return 0;
    }

    @Override
    String activeType() {
        return "TEXT";
    }

    @Override
    String activeLiteral() {
        return "'1'";
    }
}
