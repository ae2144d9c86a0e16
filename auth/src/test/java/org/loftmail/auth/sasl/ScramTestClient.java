package org.loftmail.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.loftmail.auth.scheme.ScramAlgorithm;

/**
 * A SCRAM client written from RFC 5802 for tests that need a random server nonce; the RFC example
 * exchanges in ScramMechanismTest anchor both sides to published values.
 */
final class ScramTestClient {
    private final ScramAlgorithm algorithm;
    private final String gs2Header;
    private final String bare;
    private final String password;
    private byte[] serverSignature;

    ScramTestClient(ScramAlgorithm algorithm, String gs2Header, String user, String password) {
        this.algorithm = algorithm;
        this.gs2Header = gs2Header;
        this.bare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=clientnonce" + System.nanoTime();
        this.password = password;
    }

    byte[] clientFirst() {
        return (gs2Header + bare).getBytes(StandardCharsets.UTF_8);
    }

    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
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
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] authMessage = (bare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = algorithm.saltedPassword(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = algorithm.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = algorithm.hmac(algorithm.hash(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        serverSignature = algorithm.hmac(algorithm.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)), authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    SaslStep run(SaslExchange exchange) {
        SaslStep first = exchange.start(Optional.of(clientFirst()));
        if (!(first instanceof SaslStep.Challenge challenge)) {
            return first;
        }
        return exchange.respond(clientFinal(challenge.data()));
    }

    boolean serverVerified(SaslStep.Success success) {
        String expected = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return expected.equals(new String(success.additionalData().orElseThrow(), StandardCharsets.UTF_8));
    }
}
