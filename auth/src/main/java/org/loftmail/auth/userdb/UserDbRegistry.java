package org.loftmail.auth.userdb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.auth.sql.SqlDatabases;

/** Every userdb driver Loft has, by its Dovecot name. */
public final class UserDbRegistry {

    /** What drivers may need from the auth service. */
    public record Context(Function<AuthRequest, UserDbResult.Status> passdbExistence) {}

    @FunctionalInterface
    public interface Factory {
        UserDb create(UserDbSettings settings, Context context);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    public UserDbRegistry() {
        this(new SqlDatabases());
    }

    /** The standard drivers; SQL userdbs share pools through {@code sql}. */
    public UserDbRegistry(SqlDatabases sql) {
        register("sql", (s, c) -> new SqlUserDb(s.args(), sql));
        register("passwd", (s, c) -> new PasswdUserDb(s.args()));
        register("passwd-file", (s, c) -> new PasswdFileUserDb(s.args()));
        register("static", (s, c) -> new StaticUserDb(s.args(), c.passdbExistence()));
        register("prefetch", (s, c) -> new PrefetchUserDb());
    }

    public UserDbRegistry register(String name, Factory factory) {
        factories.put(name, factory);
        return this;
    }

    public Set<String> names() {
        return factories.keySet();
    }

    public UserDb create(UserDbSettings settings, Context context) {
        Factory f = factories.get(settings.driver());
        if (f == null) {
            throw new IllegalArgumentException("Unknown userdb driver '" + settings.driver()
                    + "' (known: " + String.join(", ", factories.keySet()) + ")");
        }
        return f.create(settings, context);
    }
}
