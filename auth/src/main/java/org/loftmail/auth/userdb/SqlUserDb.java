package org.loftmail.auth.userdb;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.AuthTemplates;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.sql.SqlDatabase;
import org.loftmail.auth.sql.SqlDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * userdb sql: user_query's non-NULL columns are the user's fields (home, uid, gid, mail,
 * quota_rule…); iterate_query lists users (a {@code user} column, or {@code username} and
 * {@code domain}).
 */
public final class SqlUserDb implements UserDb {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final SqlDatabases databases;
    private final SqlDatabase db;

    public SqlUserDb(String args, SqlDatabases databases) {
        this.databases = databases;
        this.db = databases.acquire(args);
        if (db.settings().userQuery().isBlank()) {
            databases.release(db);
            throw new IllegalArgumentException("userdb sql: user_query is not set in " + args.strip());
        }
        try {
            AuthTemplates.validate(db.settings().userQuery(), "userdb sql user_query");
            AuthTemplates.validate(db.settings().iterateQuery(), "userdb sql iterate_query");
        } catch (IllegalArgumentException e) {
            databases.release(db);
            throw e;
        }
    }

    @Override
    public String driverName() {
        return "sql";
    }

    @Override
    public UserDbResult lookup(AuthRequest request) {
        List<Map<String, String>> rows;
        try {
            rows = db.query(AuthTemplates.expand(db.settings().userQuery(), request, db.escaper()));
        } catch (SQLException e) {
            return UserDbResult.internalFailure("User query failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return UserDbResult.internalFailure("User query not run: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            return UserDbResult.unknownUser();
        }
        if (rows.size() > 1) {
            LOG.error("{}: User query returned multiple matches", request.logPrefix("sql"));
            return UserDbResult.internalFailure("User query returned multiple matches");
        }
        return UserDbResult.ok(rows.get(0));
    }

    @Override
    public List<String> iterateUsers() {
        if (db.settings().iterateQuery().isBlank()) {
            throw new UnsupportedOperationException("userdb sql: iterate_query is not set");
        }
        try {
            String sql = AuthTemplates.expand(db.settings().iterateQuery(),
                    new AuthRequest(ClientInfo.local("doveadm"), "", ""), db.escaper());
            List<String> users = new ArrayList<>();
            for (Map<String, String> row : db.query(sql)) {
                String user = row.get("user");
                if (user == null && row.containsKey("username")) {
                    String domain = row.get("domain");
                    user = domain == null || domain.isEmpty() ? row.get("username") : row.get("username") + "@" + domain;
                }
                if (user != null) {
                    users.add(user);
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Iterate query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        databases.release(db);
    }
}
