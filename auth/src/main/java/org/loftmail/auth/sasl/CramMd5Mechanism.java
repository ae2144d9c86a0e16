package org.loftmail.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.loftmail.auth.scheme.ConstantTime;
import org.loftmail.auth.scheme.CramMd5Scheme;
import org.loftmail.auth.scheme.InvalidStoredPasswordException;
import org.loftmail.auth.scheme.PasswordSchemes;

/**
 * CRAM-MD5 (RFC 2195): the server sends {@code <random.time@host>}, the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))}. Needs the plaintext or the CRAM-MD5
 * (HMAC-MD5 context) credentials from the passdb.
 */
public final class CramMd5Mechanism implements SaslMechanism {
    public static final String NAME = "CRAM-MD5";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String hostname;
    private final PasswordSchemes schemes;

    public CramMd5Mechanism(String hostname, PasswordSchemes schemes) {
        this.hostname = hostname;
        this.schemes = schemes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MechanismFlag> flags() {
        return EnumSet.of(MechanismFlag.DICTIONARY, MechanismFlag.ACTIVE);
    }

    @Override
    public SaslExchange newExchange(SaslRequestContext context, SaslPassdb passdb) {
        String challenge = "<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + System.currentTimeMillis() / 1000
                + "@" + hostname + ">";
        return new GuardedExchange(NAME, new Dialog(context, passdb, challenge.getBytes(StandardCharsets.UTF_8)));
    }

    private final class Dialog implements MechanismDialog {
        private final SaslRequestContext context;
        private final SaslPassdb passdb;
        private final byte[] challenge;

        Dialog(SaslRequestContext context, SaslPassdb passdb, byte[] challenge) {
            this.context = context;
            this.passdb = passdb;
            this.challenge = challenge;
        }

        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            if (initialResponse.isPresent() && initialResponse.get().length > 0) {
                return SaslStep.Failure.malformed("CRAM-MD5: the server speaks first; initial response refused");
            }
            return new SaslStep.Challenge(challenge);
        }

        @Override
        public SaslStep receive(byte[] response) {
            int space = -1;
            for (int i = response.length - 1; i >= 0; i--) {
                if (response[i] == ' ') {
                    space = i;
                    break;
                }
            }
            if (space <= 0 || response.length - space - 1 != 32) {
                return SaslStep.Failure.malformed("CRAM-MD5: response is not 'user SP 32 hex digits'");
            }
            Optional<String> user = SaslText.identity(response, 0, space);
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(new String(response, space + 1, 32, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return SaslStep.Failure.malformed("CRAM-MD5: digest is not hex");
            }
            if (user.isEmpty()) {
                return SaslStep.Failure.malformed("CRAM-MD5: user name not UTF-8 or holds control characters");
            }
            SaslLogin login = new SaslLogin(NAME, user.get(), Optional.empty(), context);
            return switch (passdb.lookupCredentials(login, NAME)) {
                case Rejected rejected -> PassdbAnswers.failure(rejected, login);
                case Unavailable unavailable -> PassdbAnswers.temporary(unavailable, login);
                case CredentialsFound found -> check(found, login, digest);
            };
        }

        private SaslStep check(CredentialsFound found, SaslLogin login, byte[] digest) {
            Optional<byte[]> context;
            try {
                context = schemes.credentials(found.password(), NAME, login.authcid());
            } catch (InvalidStoredPasswordException e) {
                return PassdbAnswers.credentials("CRAM-MD5: invalid stored password: " + e.getMessage());
            }
            if (context.isEmpty()) {
                return PassdbAnswers.credentials("CRAM-MD5: passdb has only " + found.password().scheme()
                        + " credentials, CRAM-MD5 needs PLAIN or CRAM-MD5");
            }
            byte[] expected = CramMd5Scheme.hmac(context.get(), challenge);
            if (!ConstantTime.equal(expected, digest)) {
                return PassdbAnswers.credentials("CRAM-MD5: password mismatch");
            }
            return new SaslStep.Success(found.user(), Optional.empty(), found.fields(), Optional.empty());
        }
    }
}
