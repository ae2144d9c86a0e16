package org.loftmail.auth.passdb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.PasswordVerifier;
import org.loftmail.auth.sql.SqlDatabases;

/** Every passdb driver Loft has, by its Dovecot name. Wiring is explicit: no scanning. */
public final class PassDbRegistry {

    /** Makes a driver from its settings. */
    @FunctionalInterface
    public interface Factory {
        PassDb create(PassDbSettings settings, PasswordVerifier verifier);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    /** The standard drivers; SQL passdbs share pools through {@code sql}. */
    public PassDbRegistry(SqlDatabases sql) {
        register("passwd-file", (s, v) -> new PasswdFilePassDb(s.args(), v));
        register("static", (s, v) -> new StaticPassDb(s.args(), v));
        register("sql", (s, v) -> new SqlPassDb(s.args(), sql, v));
        register("pam", (s, v) -> new PamPassDb(s.args()));
        register("shadow", (s, v) -> new ShadowPassDb(s.args()));
    }

    public PassDbRegistry() {
        this(new SqlDatabases());
    }

    /** Adds or replaces a driver (the server adds the ones needing extra resources). */
    public PassDbRegistry register(String name, Factory factory) {
        factories.put(name, factory);
        return this;
    }

    public Set<String> names() {
        return factories.keySet();
    }

    public PassDb create(PassDbSettings settings, PasswordVerifier verifier) {
        Factory f = factories.get(settings.driver());
        if (f == null) {
            throw new IllegalArgumentException("Unknown passdb driver '" + settings.driver()
                    + "' (known: " + String.join(", ", factories.keySet()) + ")");
        }
        return f.create(settings, verifier);
    }
}
