package org.loftmail.auth.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQL pools of one auth service, shared by the passdb and userdb that name the same
 * dovecot-sql.conf.ext (as Dovecot shares them), closed when the last user closes.
 */
public final class SqlDatabases {
    private final Map<Path, Entry> open = new HashMap<>();

    private static final class Entry {
        final SqlDatabase db;
        int users;

        Entry(SqlDatabase db) {
            this.db = db;
        }
    }

    /** The pool for this file (its args), opened on first use. */
    public synchronized SqlDatabase acquire(String args) {
        Path file = Path.of(args.strip()).toAbsolutePath().normalize();
        Entry e = open.get(file);
        if (e == null) {
            SqlSettings settings;
            try {
                settings = SqlSettings.read(file);
            } catch (IOException ex) {
                throw new UncheckedIOException("sql: can't read " + file + ": " + ex.getMessage(), ex);
            }
            e = new Entry(new SqlDatabase(settings));
            open.put(file, e);
        }
        e.users++;
        return e.db;
    }

    public synchronized void release(SqlDatabase db) {
        open.entrySet().removeIf(en -> {
            if (en.getValue().db != db) {
                return false;
            }
            if (--en.getValue().users > 0) {
                return false;
            }
            db.close();
            return true;
        });
    }
}
