package org.loftmail.auth.passdb;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.AuthTemplates;
import org.loftmail.auth.Fields;
import org.loftmail.auth.LogSafe;
import org.loftmail.auth.PasswordVerifier;
import org.loftmail.auth.sql.SqlDatabase;
import org.loftmail.auth.sql.SqlDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * passdb sql: runs password_query from the dovecot-sql.conf.ext named in args. The
 * {@code password} column is checked (or {@code password_noscheme}, taken as the default
 * scheme even when it starts with '{'); every other non-NULL column is an extra field
 * ({@code user}, {@code userdb_home}, {@code nopassword}, {@code allow_nets}…).
 */
public final class SqlPassDb implements PassDb {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final SqlDatabases databases;
    private final SqlDatabase db;
    private final PasswordVerifier verifier;

    public SqlPassDb(String args, SqlDatabases databases, PasswordVerifier verifier) {
        this.databases = databases;
        this.db = databases.acquire(args);
        this.verifier = verifier;
        if (db.settings().passwordQuery().isBlank()) {
            databases.release(db);
            throw new IllegalArgumentException("passdb sql: password_query is not set in " + args.strip());
        }
        try {
            AuthTemplates.validate(db.settings().passwordQuery(), "passdb sql password_query");
        } catch (IllegalArgumentException e) {
            databases.release(db);
            throw e;
        }
    }

    @Override
    public String driverName() {
        return "sql";
    }

    private record Row(String password, boolean noScheme, Map<String, String> fields) {}

    /** The row, or a result to return at once. */
    private Object lookup(AuthRequest request) {
        List<Map<String, String>> rows;
        try {
            String sql = AuthTemplates.expand(db.settings().passwordQuery(), request, db.escaper());
            rows = db.query(sql);
        } catch (SQLException e) {
            return PassDbResult.internalFailure("Password query failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return PassDbResult.internalFailure("Password query not run: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            return PassDbResult.unknownUser();
        }
        if (rows.size() > 1) {
            LOG.error("{}: Password query returned multiple matches", request.logPrefix("sql"));
            return PassDbResult.internalFailure("Password query returned multiple matches");
        }
        Map<String, String> fields = new LinkedHashMap<>(rows.get(0));
        String pw = fields.remove("password");
        String noScheme = fields.remove("password_noscheme");
        return noScheme != null ? new Row(noScheme, true, fields) : new Row(pw, false, fields);
    }

    @Override
    public PassDbResult verifyPlain(AuthRequest request, String password) {
        Object r = lookup(request);
        if (r instanceof PassDbResult result) {
            return result;
        }
        Row row = (Row) r;
        if (Fields.isTrue(row.fields(), "nopassword")) {
            return PassDbResult.ok(row.fields());
        }
        if (row.password() == null || row.password().isEmpty()) {
            LOG.info("{}: Empty password returned without nopassword", request.logPrefix("sql"));
            return new PassDbResult(PassDbResult.Status.PASSWORD_MISMATCH, Map.of(), null, "Empty password");
        }
        String stored = row.noScheme() ? "{" + db.settings().defaultPassScheme() + "}" + row.password() : row.password();
        return switch (verifier.verify(password, stored, db.settings().defaultPassScheme(), request.user())) {
            case MATCH -> PassDbResult.ok(row.fields());
            case MISMATCH -> PassDbResult.mismatch();
            case UNKNOWN_SCHEME -> PassDbResult.internalFailure("Invalid password in passdb for " + LogSafe.text(request.user()));
        };
    }

    @Override
    public PassDbResult lookupCredentials(AuthRequest request) {
        Object r = lookup(request);
        if (r instanceof PassDbResult result) {
            return result;
        }
        Row row = (Row) r;
        String pw = row.password() == null ? "" : row.password();
        String stored = row.noScheme() ? "{" + db.settings().defaultPassScheme() + "}" + pw
                : PasswdFilePassDb.withScheme(pw, db.settings().defaultPassScheme());
        return PassDbResult.credentials(stored, row.fields());
    }

    @Override
    public void close() {
        databases.release(db);
    }
}
