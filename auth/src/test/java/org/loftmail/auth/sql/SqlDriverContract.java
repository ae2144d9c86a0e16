package org.loftmail.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.auth.scheme.GenerateOptions;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sql passdb/userdb against a real server with the Postfixadmin schema and its usual
 * queries, unchanged. Each subclass gives a fresh database of its kind and removes it after.
 */
abstract class SqlDriverContract {
    @TempDir
    Path dir;

    static final String PASSWORD_QUERY =
            "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'";
    static final String USER_QUERY = "SELECT CONCAT('/var/vmail/', maildir) AS home, 2000 AS uid, 2000 AS gid, "
            + "CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '%u' AND active = '1'";

    /** The driver name for dovecot-sql.conf.ext. */
    abstract String driver();

    /** The connect string of the fresh database (through {@code port}, or the default when 0). */
    abstract String connect(int port);

    /** Runs DDL/DML as the administrator in the fresh database. */
    abstract void execute(String sql) throws Exception;

    /** The real server's TCP port, or 0 for an embedded database. */
    abstract int serverPort();

    /** Whether the slow password query is running right now (it then holds the pool's only connection). */
    boolean slowQueryRunning() throws Exception {
        return true;
    }

    String activeLiteral() {
        return "'1'";
    }

    void createSchema() throws Exception {
        execute("CREATE TABLE mailbox (username VARCHAR(255) NOT NULL PRIMARY KEY, password VARCHAR(255) NOT NULL, "
                + "name VARCHAR(255) NOT NULL DEFAULT '', maildir VARCHAR(255) NOT NULL, quota BIGINT NOT NULL DEFAULT 0, "
                + "local_part VARCHAR(255) NOT NULL, domain VARCHAR(255) NOT NULL, active " + activeType() + " NOT NULL DEFAULT "
                + activeLiteral() + ")");
        String hash = PasswordSchemes.standard().generate("SHA512-CRYPT", "s3cret".getBytes(StandardCharsets.UTF_8),
                new GenerateOptions("jsmith@example.com", java.util.OptionalInt.empty())).format();
        String md5 = PasswordSchemes.standard().generate("MD5-CRYPT", "md5pw".getBytes(StandardCharsets.UTF_8),
                new GenerateOptions("old@example.com", java.util.OptionalInt.empty())).value();
        execute("INSERT INTO mailbox (username, password, maildir, quota, local_part, domain, active) VALUES "
                + "('jsmith@example.com', '" + hash + "', 'example.com/jsmith/', 1073741824, 'jsmith', 'example.com', " + activeLiteral() + ")");
        // A bare hash: default_pass_scheme applies.
        execute("INSERT INTO mailbox (username, password, maildir, quota, local_part, domain, active) VALUES "
                + "('old@example.com', '" + md5 + "', 'example.com/old/', 0, 'old', 'example.com', " + activeLiteral() + ")");
        execute("INSERT INTO mailbox (username, password, maildir, quota, local_part, domain, active) VALUES "
                + "('gone@example.com', '{PLAIN}pw', 'example.com/gone/', 0, 'gone', 'example.com', " + inactiveLiteral() + ")");
    }

    String activeType() {
        return "SMALLINT";
    }

    String inactiveLiteral() {
        return "'0'";
    }

    Path sqlConf(int port) throws Exception {
        return sqlConf(port, "", PASSWORD_QUERY);
    }

    Path sqlConf(int port, String moreConnect, String passwordQuery) throws Exception {
        Path conf = dir.resolve("dovecot-sql-" + port + "-" + Math.abs(passwordQuery.hashCode()) + ".conf.ext");
        Files.writeString(conf, String.join("\n",
                "# Postfixadmin",
                "driver = " + driver(),
                "connect = " + connect(port) + moreConnect,
                "default_pass_scheme = MD5-CRYPT",
                "password_query = " + passwordQuery,
                "user_query = \\",
                "  " + USER_QUERY,
                "iterate_query = SELECT username AS user FROM mailbox WHERE active = '1'",
                ""));
        return conf;
    }

    AuthService service(Path conf, String usernameChars) {
        AuthSettings s = AuthSettings.defaults(
                        List.of(PassDbSettings.of("sql", conf.toString())),
                        List.of(UserDbSettings.of("sql", conf.toString())))
                .withUsernames("%Lu", "", usernameChars, "")
                .withFailureDelay(Duration.ZERO)
                .withPlaintext(false, List.of());
        return AuthService.create(s, d -> { });
    }

    static ClientInfo imap() throws Exception {
        return ClientInfo.network("imap", java.net.InetAddress.getByName("127.0.0.1"), 143,
                java.net.InetAddress.getByName("10.0.0.5"), 40000);
    }

    static AuthResult.Kind kind(AuthResult r) {
        return r instanceof AuthResult.Failure f ? f.kind() : null;
    }

    @Test
    void postfixadminPasswordAndUserQueries() throws Exception {
        createSchema();
        try (AuthService auth = service(sqlConf(0), null)) {
            AuthResult ok = auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret");
            assertThat(ok).isInstanceOf(AuthResult.Success.class);
            assertThat(((AuthResult.Success) ok).user()).isEqualTo("jsmith@example.com");
            assertThat(auth.authenticatePlain(imap(), "JSmith@Example.com", "s3cret")).isInstanceOf(AuthResult.Success.class);
            assertThat(kind(auth.authenticatePlain(imap(), "jsmith@example.com", "wrong"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            assertThat(kind(auth.authenticatePlain(imap(), "nobody@example.com", "x"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            assertThat(kind(auth.authenticatePlain(imap(), "gone@example.com", "pw"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            assertThat(auth.authenticatePlain(imap(), "old@example.com", "md5pw")).isInstanceOf(AuthResult.Success.class);

            UserInfo info = ((UserLookup.Found) auth.lookupUser(ClientInfo.local("lmtp"), "jsmith@example.com")).info();
            assertThat(info.home()).isEqualTo("/var/vmail/example.com/jsmith/");
            assertThat(info.uid()).isEqualTo(2000);
            assertThat(info.gid()).isEqualTo(2000);
            assertThat(info.quotaRule()).isEqualTo("*:bytes=1073741824");
            assertThat(auth.lookupUser(ClientInfo.local("lmtp"), "gone@example.com")).isInstanceOf(UserLookup.NotFound.class);
            assertThat(auth.iterateUsers()).containsExactlyInAnyOrder("jsmith@example.com", "old@example.com");
        }
    }

    @Test
    void valuesAreEscapedEvenWhenUsernameCharsAllowEverything() throws Exception {
        createSchema();
        try (AuthService auth = service(sqlConf(0), "")) {
            for (String evil : List.of("x' OR '1'='1", "x\\' OR 1=1 -- ", "jsmith@example.com' -- ")) {
                AuthResult r = auth.authenticatePlain(imap(), evil, "s3cret");
                assertThat(r).as(evil).isInstanceOf(AuthResult.Failure.class);
                assertThat(kind(r)).as(evil).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            }
        }
    }

    /** A password_query that takes 3 s for old@example.com; null when the database can't sleep. */
    String slowPasswordQuery() {
        return null;
    }

    @Test
    void aBusyPoolIsATemporaryFailureWithinItsTimeoutNotAStall() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(slowPasswordQuery() != null, "this database can't sleep in a query");
        createSchema();
        try (AuthService auth = service(sqlConf(0, " maxconns=1", slowPasswordQuery()), null);
             var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var slow = pool.submit(() -> auth.authenticatePlain(imap(), "old@example.com", "md5pw"));
            // Wait until the database runs the slow query: then it holds the pool's only connection.
            for (int i = 0; i < 200 && !slowQueryRunning(); i++) {
                Thread.sleep(50);
            }
            assertThat(slowQueryRunning()).as("the slow query started").isTrue();
            long start = System.nanoTime();
            assertThat(kind(auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret"))).isEqualTo(AuthResult.Kind.TEMPORARY);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(slow.isDone()).isFalse();
            assertThat(slow.get()).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret")).isInstanceOf(AuthResult.Success.class);
            org.slf4j.LoggerFactory.getLogger("auth").info("pool wait before temporary failure: {} ms", waitedMs);
        }
    }

    @Test
    void aServerThatStopsGivesTemporaryFailuresThenRecovers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(serverPort() > 0, "embedded database: nothing to stop");
        createSchema();
        try (TcpProxy proxy = new TcpProxy(serverPort()); AuthService auth = service(sqlConf(proxy.port()), null)) {
            assertThat(auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret")).isInstanceOf(AuthResult.Success.class);
            proxy.stop();
            assertThat(kind(auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret"))).isEqualTo(AuthResult.Kind.TEMPORARY);
            assertThat(kind(auth.authenticatePlain(imap(), "jsmith@example.com", "wrong"))).isEqualTo(AuthResult.Kind.TEMPORARY);
            assertThat(auth.lookupUser(ClientInfo.local("lmtp"), "jsmith@example.com")).isInstanceOf(UserLookup.TemporaryFailure.class);
            proxy.start();
            AuthResult back = null;
            for (int i = 0; i < 50 && !(back instanceof AuthResult.Success); i++) {
                back = auth.authenticatePlain(imap(), "jsmith@example.com", "s3cret");
                if (!(back instanceof AuthResult.Success)) {
                    Thread.sleep(100);
                }
            }
            assertThat(back).isInstanceOf(AuthResult.Success.class);
        }
    }
}
