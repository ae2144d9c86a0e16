package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.core.fuzz.Mutator;

/**
 * Fuzzes Dovecot's auth client protocol as Postfix speaks it: mutated sessions from the corpus are fed line by line;
 * every reply must be one well-formed line (CONT/OK/FAIL, a numeric id, no CR or LF) and no request may end in the
 * catch-all "Internal error" (which would be an exception inside the protocol or a mechanism).
 */
class AuthClientProtocolFuzzTest {

    private static final List<String> TOKENS = List.of("\t", "\n", "AUTH\t", "CONT\t", "CANCEL\t", "VERSION\t", "CPID\t",
            "resp=", "resp", "=", "\u0001", "\u00010", "\u0001t", "\u0001n", "\u0001x", "\u0000", "\r", "4294967295",
            "4294967296", "0", "-1", "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "EXTERNAL",
            "ANONYMOUS", "service=", "rip=", "lip=", "rport=", "lport=", "secured", "final-resp-ok", "nologin",
            "valid-client-cert", "cert_username=", "session=", "AGpzbWl0aABzZWNyZXQ=", "====", "biws", "é", "📧");

    @TempDir
    Path dir;

    @Test
    void mutatedSessionsGetWellFormedReplies() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}secret:1000:1000::/home/jsmith"));
        AuthSettings s = AuthSettings.defaults(List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withMechanisms(List.of("plain", "login", "cram-md5", "scram-sha-1", "scram-sha-256", "external", "anonymous"))
                .withFailureDelay(Duration.ZERO);
        Mutator m = new Mutator(Mutator.corpus(Path.of("src/test/resources/fuzz/auth-client")), TOKENS);
        int n = Mutator.iterations(1500);
        try (AuthService auth = AuthService.create(s, d -> { })) {
            for (int i = 0; i < n; i++) {
                String session = m.next();
                try {
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(auth, session));
                } catch (Throwable t) {
                    Path saved = Files.write(Path.of("target", "auth-client-fuzz-failure.txt"), session.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    fail("seed " + m.seed + ", input " + i + " (saved to " + saved.toAbsolutePath() + "): " + t, t);
                }
            }
        }
    }

    private static void run(AuthService auth, String session) {
        AuthClientProtocol p = new AuthClientProtocol(auth, 1);
        for (String line : session.split("\n", -1)) {
            for (String reply : p.onLine(line)) {
                if (!reply.matches("(CONT|OK|FAIL)\t[0-9]{1,10}(\t[^\r\n]*)?")) {
                    throw new AssertionError("malformed reply " + reply.replace("\t", "\\t") + " to " + line.replace("\t", "\\t"));
                }
                if (reply.contains("reason=Internal error")) {
                    throw new AssertionError("request failed inside the server: " + line.replace("\t", "\\t"));
                }
            }
            if (p.closed()) break;
        }
        p.onClose();
    }
}
