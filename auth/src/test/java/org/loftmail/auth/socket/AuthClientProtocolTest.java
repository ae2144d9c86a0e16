package org.loftmail.auth.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthClientProtocolTest {
    @TempDir
    Path dir;
    Path users;
    AuthService auth;
    AuthClientProtocol protocol;

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void setUp() throws Exception {
        users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}secret:1000:1000::/home/jsmith", "hashed:{SHA256-CRYPT}"
                + "$5$rounds=5000$usesomesillystri$He9TcIYLQzxRlVVQwQf4Ow.yBkXnzcP6Z3BUg9EKp.0"));
        AuthSettings s = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withMechanisms(List.of("plain", "login", "cram-md5"))
                .withPlaintext(false, List.of())
                .withFailureDelay(Duration.ZERO);
        auth = AuthService.create(s, d -> { });
        protocol = new AuthClientProtocol(auth, 7);
    }

    @AfterEach
    void tearDown() {
        auth.close();
    }

    @Test
    void handshakeIsWhatPostfixExpects() {
        List<String> h = protocol.handshake();
        assertThat(h.get(0)).isEqualTo("VERSION\t1\t2");
        assertThat(h).contains("MECH\tPLAIN\tplaintext", "MECH\tLOGIN\tplaintext", "CUID\t7", "DONE");
        assertThat(h.get(h.size() - 1)).isEqualTo("DONE");
        int firstMech = h.indexOf("MECH\tPLAIN\tplaintext");
        int spid = h.stream().filter(l -> l.startsWith("SPID\t")).map(h::indexOf).findFirst().orElseThrow();
        assertThat(firstMech).isLessThan(spid);
        assertThat(h).anyMatch(l -> l.matches("COOKIE\t[0-9a-f]{32}"));
    }

    @Test
    void plainWithInitialResponse() {
        assertThat(protocol.onLine("VERSION\t1\t0")).isEmpty();
        assertThat(protocol.onLine("CPID\t1234")).isEmpty();
        assertThat(protocol.onLine("AUTH\t1\tPLAIN\tservice=smtp\tnologin\tlip=127.0.0.1\trip=192.0.2.9\tsecured\tresp="
                + b64("\0jsmith\0secret"))).containsExactly("OK\t1\tuser=jsmith");
        assertThat(protocol.onLine("AUTH\t2\tPLAIN\tservice=smtp\tnologin\tlip=127.0.0.1\trip=192.0.2.9\tresp="
                + b64("\0jsmith\0wrong"))).containsExactly("FAIL\t2\tuser=jsmith");
        assertThat(protocol.onLine("AUTH\t3\tPLAIN\tservice=smtp\tresp=" + b64("\0hashed\0password")))
                .containsExactly("OK\t3\tuser=hashed");
    }

    @Test
    void loginTakesTwoContinuations() {
        assertThat(protocol.onLine("AUTH\t5\tLOGIN\tservice=smtp\trip=192.0.2.9"))
                .containsExactly("CONT\t5\t" + b64("Username:"));
        assertThat(protocol.onLine("CONT\t5\t" + b64("jsmith"))).containsExactly("CONT\t5\t" + b64("Password:"));
        assertThat(protocol.onLine("CONT\t5\t" + b64("secret"))).containsExactly("OK\t5\tuser=jsmith");
        // The id is finished: a further CONT is an unknown id.
        assertThat(protocol.onLine("CONT\t5\t" + b64("x"))).containsExactly("FAIL\t5\treason=Unknown request id");
    }

    @Test
    void cramMd5UsesThePlainStoredPassword() throws Exception {
        List<String> r = protocol.onLine("AUTH\t9\tCRAM-MD5\tservice=imap");
        assertThat(r).hasSize(1).allMatch(l -> l.startsWith("CONT\t9\t"));
        byte[] challenge = Base64.getDecoder().decode(r.get(0).substring("CONT\t9\t".length()));
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        String digest = java.util.HexFormat.of().formatHex(mac.doFinal(challenge));
        assertThat(protocol.onLine("CONT\t9\t" + b64("jsmith " + digest))).containsExactly("OK\t9\tuser=jsmith");
    }

    @Test
    void badInputGetsAFailWithAReasonAndTheConnectionGoesOn() {
        assertThat(protocol.onLine("AUTH\t1\tNOSUCH\tservice=smtp")).containsExactly("FAIL\t1\treason=Unsupported authentication mechanism");
        assertThat(protocol.onLine("AUTH\t2\tPLAIN\tservice=smtp\tresp=!!notbase64!!"))
                .containsExactly("FAIL\t2\treason=Invalid base64 data in initial response");
        assertThat(protocol.onLine("CONT\t77\t" + b64("x"))).containsExactly("FAIL\t77\treason=Unknown request id");
        assertThat(protocol.onLine("AUTH\tabc\tPLAIN\tservice=smtp")).containsExactly("FAIL\t0\treason=Invalid request id");
        assertThat(protocol.onLine("AUTH\t3\tPLAIN")).containsExactly("FAIL\t3\treason=Service parameter missing or invalid");
        assertThat(protocol.onLine("AUTH\t4\tPLAIN\tservice=smtp\tresp=" + "A".repeat(20000)))
                .containsExactly("FAIL\t4\treason=Request line too long");
        // NUL inside a user name (LOGIN can carry one): refused before any passdb.
        protocol.onLine("AUTH\t5\tLOGIN\tservice=smtp");
        assertThat(protocol.onLine("CONT\t5\t" + b64("js\0mith"))).singleElement().asString().startsWith("FAIL\t5\t").contains("reason=");
        // ... and one that only the username check catches.
        protocol.onLine("AUTH\t7\tLOGIN\tservice=smtp");
        protocol.onLine("CONT\t7\t" + b64("js'mith"));
        assertThat(protocol.onLine("CONT\t7\t" + b64("secret"))).containsExactly("FAIL\t7\treason=Invalid username");
        // A PLAIN message with an extra NUL is malformed.
        assertThat(protocol.onLine("AUTH\t6\tPLAIN\tservice=smtp\tresp=" + b64("\0js\0mith\0secret")).get(0)).startsWith("FAIL\t6");
        assertThat(protocol.onLine("BOGUS\tline")).isEmpty();
        assertThat(protocol.closed()).isFalse();
        assertThat(protocol.onLine("AUTH\t8\tPLAIN\tservice=smtp\tresp=" + b64("\0jsmith\0secret"))).containsExactly("OK\t8\tuser=jsmith");
    }

    @Test
    void cancelForgetsTheRequest() {
        protocol.onLine("AUTH\t5\tLOGIN\tservice=smtp");
        assertThat(protocol.onLine("CANCEL\t5")).isEmpty();
        assertThat(protocol.onLine("CONT\t5\t" + b64("jsmith"))).containsExactly("FAIL\t5\treason=Unknown request id");
    }

    @Test
    void aBackendThatIsDownIsATemporaryFailure() throws Exception {
        Files.delete(users);
        assertThat(protocol.onLine("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + b64("\0jsmith\0secret")))
                .containsExactly("FAIL\t1\tuser=jsmith\tcode=temp_fail\ttemp");
    }

    @Test
    void incompatibleVersionClosesTheConnection() {
        protocol.onLine("VERSION\t2\t0");
        assertThat(protocol.closed()).isTrue();
    }

    @Test
    void escapingRoundTrips() {
        String s = "a\tb\nc\rd\0e\u0001f";
        assertThat(TabEscape.escape(s)).doesNotContain("\t", "\n", "\r", "\0");
        assertThat(TabEscape.unescape(TabEscape.escape(s))).isEqualTo(s);
        assertThat(TabEscape.unescape("\u0001x")).isEqualTo("x");
    }

    @Test
    void userdbSocketAnswersUserPassAndList() {
        UserdbProtocol u = new UserdbProtocol(auth);
        assertThat(u.handshake().get(0)).isEqualTo("VERSION\t1\t1");
        assertThat(u.onLine("USER\t1\tjsmith\tservice=lmtp")).containsExactly("USER\t1\tjsmith\tuid=1000\tgid=1000\thome=/home/jsmith");
        assertThat(u.onLine("USER\t2\tnobody\tservice=lmtp")).containsExactly("NOTFOUND\t2");
        assertThat(u.onLine("PASS\t3\tjsmith\tservice=doveadm").get(0)).startsWith("PASS\t3\tuser=jsmith");
        assertThat(u.onLine("PASS\t4\tnobody\tservice=doveadm")).containsExactly("NOTFOUND\t4");
        assertThat(u.onLine("LIST\t5")).containsExactly("LIST\t5\tjsmith", "LIST\t5\thashed", "DONE\t5");
        assertThat(u.onLine("LIST\t6\tuser=js*")).containsExactly("LIST\t6\tjsmith", "DONE\t6");
        assertThat(u.onLine("USER\tx")).containsExactly("FAIL\t0\treason=Invalid USER request");
    }

    /** Issue 20, item 1: LIST's user= mask was a regular expression; twelve '*a' against a long name took hours. */
    @Test
    void userdbListMasksAnswerAtOnce() throws Exception {
        Path many = dir.resolve("many");
        Files.write(many, List.of("a".repeat(100) + ":{PLAIN}x:1000:1000::/home/a", "ab.c:{PLAIN}x:1000:1000::/home/b"));
        try (AuthService a = AuthService.create(AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", many.toString())),
                        List.of(UserDbSettings.of("passwd-file", many.toString()))).withFailureDelay(Duration.ZERO), d -> { })) {
            UserdbProtocol u = new UserdbProtocol(a);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThat(u.onLine("LIST\t1\tuser=" + "*a".repeat(12) + "b")).containsExactly("DONE\t1"));
            assertThat(u.onLine("LIST\t2\tuser=a?.*")).containsExactly("LIST\t2\tab.c", "DONE\t2");
            assertThat(u.onLine("LIST\t3\tuser=a.*")).containsExactly("DONE\t3");
        }
    }
}
