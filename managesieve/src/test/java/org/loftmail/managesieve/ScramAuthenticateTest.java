package org.loftmail.managesieve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.scheme.ScramAlgorithm;
import org.loftmail.sieve.store.SieveStoreSettings;

/**
 * AUTHENTICATE SCRAM-SHA-256 over ManageSieve (RFC 5804 section 2.1, RFC 7677): challenges are strings, the
 * client answers with strings, and the server's final message arrives in the {@code OK (SASL "…")} response code,
 * where the client checks the server's signature. A wrong proof fails.
 */
class ScramAuthenticateTest {

    @TempDir
    Path dir;

    private static final Pattern STRING = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    private String login(ManageSieveTestServer server, String password) throws Exception {
        try (Socket s = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            OutputStream out = s.getOutputStream();
            String line;
            while (!(line = in.readLine()).startsWith("OK")) {
                // capabilities
            }
            String bare = "n=jsmith,r=clientnonce" + System.nanoTime();
            out.write(("AUTHENTICATE \"SCRAM-SHA-256\" \"" + b64("n,," + bare) + "\"\r\n").getBytes(UTF_8));
            Matcher challenge = STRING.matcher(in.readLine());
            assertThat(challenge.matches()).isTrue();
            String serverFirst = new String(Base64.getDecoder().decode(challenge.group(1)), UTF_8);
            String nonce = null;
            byte[] salt = null;
            int iterations = 0;
            for (String attr : serverFirst.split(",")) {
                switch (attr.substring(0, 2)) {
                    case "r=" -> nonce = attr.substring(2);
                    case "s=" -> salt = Base64.getDecoder().decode(attr.substring(2));
                    case "i=" -> iterations = Integer.parseInt(attr.substring(2));
                    default -> { }
                }
            }
            ScramAlgorithm alg = ScramAlgorithm.SHA_256;
            String withoutProof = "c=" + b64("n,,") + ",r=" + nonce;
            byte[] authMessage = (bare + "," + serverFirst + "," + withoutProof).getBytes(UTF_8);
            byte[] salted = alg.saltedPassword(password.getBytes(UTF_8), salt, iterations);
            byte[] clientKey = alg.hmac(salted, "Client Key".getBytes(UTF_8));
            byte[] signature = alg.hmac(alg.hash(clientKey), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
            byte[] serverSignature = alg.hmac(alg.hmac(salted, "Server Key".getBytes(UTF_8)), authMessage);
            // the client's final message as a literal this time
            String clientFinal = b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
            out.write(("{" + clientFinal.length() + "+}\r\n" + clientFinal + "\r\n").getBytes(UTF_8));
            String result = in.readLine();
            if (result.startsWith("OK (SASL \"")) {
                Matcher m = STRING.matcher(result.substring("OK (SASL ".length(), result.indexOf(')')));
                assertThat(m.matches()).isTrue();
                String serverFinal = new String(Base64.getDecoder().decode(m.group(1)), UTF_8);
                assertThat(serverFinal).isEqualTo("v=" + Base64.getEncoder().encodeToString(serverSignature));
                assertThat(result).endsWith(") \"Logged in.\"");
                out.write("LISTSCRIPTS\r\n".getBytes(UTF_8));
                assertThat(in.readLine()).isEqualTo("OK \"Listscripts completed.\"");
            }
            return result;
        }
    }

    @Test
    void scramLogsInWithTheServerSignatureInTheOkAndAWrongPasswordFails() throws Exception {
        try (ManageSieveTestServer server = new ManageSieveTestServer(dir, ManageSieveSettings.defaults(),
                SieveStoreSettings.DEFAULTS, true)) {
            assertThat(login(server, "secret")).startsWith("OK (SASL \"");
            assertThat(login(server, "wrong")).isEqualTo("NO \"Authentication failed.\"");
        }
    }
}
