package org.loftmail.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.loftmail.auth.scheme.ConstantTime;
import org.loftmail.auth.scheme.InvalidStoredPasswordException;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.scheme.ScramAlgorithm;
import org.loftmail.auth.scheme.ScramCredentials;

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677) without channel binding: the gs2 header is
 * parsed and checked ({@code n} and {@code y} accepted, {@code p=} refused because no -PLUS
 * variant is offered), {@code c=} must repeat it exactly. Unknown users get a made-up salt so
 * they fail at the proof like a wrong password, not earlier.
 */
public final class ScramMechanism implements SaslMechanism {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FAKE_ITERATIONS = 4096;

    private final ScramAlgorithm algorithm;
    private final PasswordSchemes schemes;
    private final byte[] fakeSaltKey = new byte[32];
    private final Supplier<String> serverNonces;

    public ScramMechanism(ScramAlgorithm algorithm, PasswordSchemes schemes) {
        this(algorithm, schemes, ScramMechanism::randomNonce);
    }

    /** With chosen server nonces, so tests can replay the RFCs' example exchanges. */
    ScramMechanism(ScramAlgorithm algorithm, PasswordSchemes schemes, Supplier<String> serverNonces) {
        this.algorithm = algorithm;
        this.schemes = schemes;
        this.serverNonces = serverNonces;
        RANDOM.nextBytes(fakeSaltKey);
    }

    private static String randomNonce() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    public static ScramMechanism sha1(PasswordSchemes schemes) {
        return new ScramMechanism(ScramAlgorithm.SHA_1, schemes);
    }

    public static ScramMechanism sha256(PasswordSchemes schemes) {
        return new ScramMechanism(ScramAlgorithm.SHA_256, schemes);
    }

    @Override
    public String name() {
        return algorithm.schemeName();
    }

    @Override
    public Set<MechanismFlag> flags() {
        return EnumSet.of(MechanismFlag.MUTUAL_AUTH);
    }

    @Override
    public SaslExchange newExchange(SaslRequestContext context, SaslPassdb passdb) {
        return new GuardedExchange(name(), new Dialog(context, passdb, serverNonces.get()));
    }

    /** Parsed client-first-message. */
    private record ClientFirst(String gs2Header, Optional<String> authzid, String user, String clientNonce, String bare) {}

    private final class Dialog implements MechanismDialog {
        private final SaslRequestContext context;
        private final SaslPassdb passdb;
        private final String serverNonce;
        private ClientFirst first;
        private String serverFirst;
        private CredentialsFound found;
        private ScramCredentials credentials;
        private String pendingFailure;

        Dialog(SaslRequestContext context, SaslPassdb passdb, String serverNonce) {
            this.context = context;
            this.passdb = passdb;
            this.serverNonce = serverNonce;
        }

        private SaslStep.Failure malformed(String what) {
            return SaslStep.Failure.malformed(name() + ": " + what);
        }

        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            if (initialResponse.isEmpty() || initialResponse.get().length == 0) {
                return new SaslStep.Challenge(new byte[0]);
            }
            return receive(initialResponse.get());
        }

        @Override
        public SaslStep receive(byte[] response) {
            Optional<String> text = SaslText.identity(response);
            if (text.isEmpty()) {
                return malformed("message is not UTF-8 or holds control characters");
            }
            return first == null ? clientFirst(text.get()) : clientFinal(text.get());
        }

        private SaslStep clientFirst(String message) {
            int c1 = message.indexOf(',');
            int c2 = c1 < 0 ? -1 : message.indexOf(',', c1 + 1);
            if (c2 < 0) {
                return malformed("client-first-message has no gs2 header");
            }
            String cbind = message.substring(0, c1);
            if (cbind.startsWith("p=")) {
                return malformed("channel binding requested but not offered");
            }
            if (!cbind.equals("n") && !cbind.equals("y")) {
                return malformed("bad gs2 channel-binding flag");
            }
            String authzPart = message.substring(c1 + 1, c2);
            Optional<String> authzid = Optional.empty();
            if (!authzPart.isEmpty()) {
                if (!authzPart.startsWith("a=")) {
                    return malformed("bad gs2 authzid");
                }
                authzid = saslname(authzPart.substring(2));
                if (authzid.isEmpty()) {
                    return malformed("bad authzid");
                }
            }
            String bare = message.substring(c2 + 1);
            String[] attrs = bare.split(",", -1);
            if (attrs[0].startsWith("m=")) {
                return malformed("mandatory extension not supported");
            }
            if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
                return malformed("client-first-message-bare must start with n= and r=");
            }
            Optional<String> user = saslname(attrs[0].substring(2));
            if (user.isEmpty()) {
                return malformed("bad user name");
            }
            String clientNonce = attrs[1].substring(2);
            if (clientNonce.isEmpty() || !printable(clientNonce)) {
                return malformed("bad client nonce");
            }
            for (int i = 2; i < attrs.length; i++) {
                if (attrs[i].length() < 2 || attrs[i].charAt(1) != '=') {
                    return malformed("bad attribute in client-first-message");
                }
            }
            first = new ClientFirst(message.substring(0, c2 + 1), authzid, user.get(), clientNonce, bare);
            SaslLogin login = login();
            switch (passdb.lookupCredentials(login, name())) {
                case Unavailable unavailable -> {
                    return PassdbAnswers.temporary(unavailable, login);
                }
                case Rejected rejected -> {
                    if (rejected.reason() != RejectReason.UNKNOWN_USER
                            && rejected.reason() != RejectReason.PASSWORD_MISMATCH
                            && rejected.reason() != RejectReason.SCHEME_UNAVAILABLE) {
                        return PassdbAnswers.failure(rejected, login);
                    }
                    fake(name() + ": " + rejected.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
                case CredentialsFound result -> useCredentials(result);
            }
            serverFirst = "r=" + clientNonce + serverNonce + ",s="
                    + Base64.getEncoder().encodeToString(credentials.salt()) + ",i=" + credentials.iterations();
            return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private void useCredentials(CredentialsFound result) {
            try {
                Optional<byte[]> raw = schemes.credentials(result.password(), name(), first.user());
                if (raw.isEmpty()) {
                    fake(name() + ": passdb has only " + result.password().scheme() + " credentials, "
                            + name() + " needs PLAIN or " + name());
                    return;
                }
                credentials = ScramCredentials.parse(raw.get(), algorithm.length());
                found = result;
            } catch (InvalidStoredPasswordException | IllegalArgumentException e) {
                fake(name() + ": invalid stored password: " + e.getMessage());
            }
        }

        /** Go on with made-up credentials so the client cannot tell this from a wrong password. */
        private void fake(String why) {
            pendingFailure = why;
            byte[] salt = algorithm.hmac(fakeSaltKey, first.user().getBytes(StandardCharsets.UTF_8));
            byte[] random = new byte[algorithm.length()];
            RANDOM.nextBytes(random);
            credentials = new ScramCredentials(FAKE_ITERATIONS, java.util.Arrays.copyOf(salt, 16), random, random);
        }

        private SaslStep clientFinal(String message) {
            if (serverFirst == null) {
                return malformed("unexpected message");
            }
            int proofAt = message.lastIndexOf(",p=");
            if (proofAt < 0) {
                return malformed("client-final-message has no proof");
            }
            String withoutProof = message.substring(0, proofAt);
            String[] attrs = withoutProof.split(",", -1);
            if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
                return malformed("client-final-message must start with c= and r=");
            }
            byte[] cbind;
            byte[] proof;
            try {
                cbind = Base64.getDecoder().decode(attrs[0].substring(2));
                proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                return malformed("c= or p= is not base64");
            }
            if (!ConstantTime.equal(cbind, first.gs2Header().getBytes(StandardCharsets.UTF_8))) {
                return malformed("channel binding data does not match the gs2 header");
            }
            if (!attrs[1].substring(2).equals(first.clientNonce() + serverNonce)) {
                return malformed("nonce mismatch");
            }
            if (proof.length != algorithm.length()) {
                return malformed("proof has the wrong length");
            }
            String authMessage = first.bare() + "," + serverFirst + "," + withoutProof;
            byte[] authBytes = authMessage.getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = algorithm.hmac(credentials.storedKey(), authBytes);
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            boolean match = ConstantTime.equal(algorithm.hash(clientKey), credentials.storedKey());
            if (pendingFailure != null) {
                return PassdbAnswers.credentials(pendingFailure);
            }
            if (!match) {
                return PassdbAnswers.credentials(name() + ": password mismatch");
            }
            byte[] serverSignature = algorithm.hmac(credentials.serverKey(), authBytes);
            byte[] serverFinal = ("v=" + Base64.getEncoder().encodeToString(serverSignature))
                    .getBytes(StandardCharsets.UTF_8);
            return new SaslStep.Success(found.user(), first.authzid(), found.fields(), Optional.of(serverFinal));
        }

        private SaslLogin login() {
            return new SaslLogin(name(), first.user(), first.authzid(), context);
        }
    }

    /** Decodes a saslname ("=2C" is ',', "=3D" is '='; any other '=' is an error). */
    static Optional<String> saslname(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("=2C", i)) {
                    out.append(',');
                } else if (s.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return Optional.empty();
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }
}
