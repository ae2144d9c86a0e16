package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.scheme.ScramAlgorithm;
import org.loftmail.testkit.storage.TestBackend;

/**
 * AUTHENTICATE SCRAM-SHA-256 over IMAP (RFC 5802, RFC 7677): the server signature arrives as a last challenge and
 * the login completes only when the client acknowledges it with an empty line; a client that rejects it with
 * {@code *} stays unauthenticated.
 */
class ScramAuthenticateTest {

    @TempDir
    Path dir;

    /** The client side of RFC 5802, enough to drive the server. */
    private static final class ScramClient {
        private final String bare = "n=alice,r=clientnonce" + System.nanoTime();
        private byte[] expectedServerSignature;

        String first() {
            return b64("n,," + bare);
        }

        String answer(String serverFirstB64, String password) {
            String serverFirst = new String(Base64.getDecoder().decode(serverFirstB64), StandardCharsets.UTF_8);
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
            byte[] authMessage = (bare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] salted = alg.saltedPassword(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
            byte[] clientKey = alg.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] signature = alg.hmac(alg.hash(clientKey), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
            expectedServerSignature = alg.hmac(alg.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)),
                    authMessage);
            return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        }

        boolean verifies(String serverFinalB64) {
            String serverFinal = new String(Base64.getDecoder().decode(serverFinalB64), StandardCharsets.UTF_8);
            return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(expectedServerSignature));
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Conversation(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Conversation open(ImapTestServer server) throws Exception {
            Socket socket = server.connect();
            socket.setSoTimeout(10_000);
            Conversation c = new Conversation(socket,
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)),
                    socket.getOutputStream());
            assertThat(c.in.readLine()).startsWith("* OK");
            return c;
        }

        String send(String line) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private ImapTestServer server() throws Exception {
        return new ImapTestServer(dir, ImapSettings.defaults(), false, TestBackend.MEMORY,
                List.of("PLAIN", "SCRAM-SHA-256"));
    }

    /** Runs the exchange up to the server's final message and returns it (without "+ "). */
    private static String exchange(Conversation c, ScramClient client, String password) throws Exception {
        String serverFirst = c.send("a AUTHENTICATE SCRAM-SHA-256 " + client.first());
        assertThat(serverFirst).startsWith("+ ");
        String serverFinal = c.send(client.answer(serverFirst.substring(2), password));
        assertThat(serverFinal).startsWith("+ ");
        return serverFinal.substring(2);
    }

    @Test
    void loginCompletesAfterTheClientAcknowledgesTheServerSignature() throws Exception {
        try (ImapTestServer server = server(); Conversation c = Conversation.open(server)) {
            ScramClient client = new ScramClient();
            String serverFinal = exchange(c, client, "secret");
            assertThat(client.verifies(serverFinal)).isTrue();
            assertThat(c.send("")).startsWith("a OK [CAPABILITY IMAP4rev1").endsWith("Logged in");
            assertThat(c.send("b SELECT INBOX")).startsWith("* FLAGS");
        }
    }

    @Test
    void aClientThatRejectsTheServerSignatureIsNotLoggedIn() throws Exception {
        try (ImapTestServer server = server(); Conversation c = Conversation.open(server)) {
            exchange(c, new ScramClient(), "secret");
            assertThat(c.send("*")).isEqualTo("a BAD Authentication aborted by client.");
            assertThat(c.send("b SELECT INBOX")).startsWith("b BAD");
        }
    }

    @Test
    void aWrongPasswordFailsBeforeAnyServerSignature() throws Exception {
        try (ImapTestServer server = server(); Conversation c = Conversation.open(server)) {
            ScramClient client = new ScramClient();
            String serverFirst = c.send("a AUTHENTICATE SCRAM-SHA-256 " + client.first());
            assertThat(c.send(client.answer(serverFirst.substring(2), "wrong")))
                    .startsWith("a NO [AUTHENTICATIONFAILED]");
        }
    }
}
