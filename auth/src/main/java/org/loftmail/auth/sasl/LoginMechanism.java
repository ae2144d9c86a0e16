package org.loftmail.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * LOGIN (draft-murchison-sasl-login): the server asks "Username:" then "Password:". An initial
 * response, when not empty, is the user name (as Dovecot and Outlook do it).
 */
public final class LoginMechanism implements SaslMechanism {
    public static final String NAME = "LOGIN";
    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MechanismFlag> flags() {
        return EnumSet.of(MechanismFlag.PLAINTEXT);
    }

    @Override
    public SaslExchange newExchange(SaslRequestContext context, SaslPassdb passdb) {
        return new GuardedExchange(NAME, new Dialog(context, passdb));
    }

    private static final class Dialog implements MechanismDialog {
        private final SaslRequestContext context;
        private final SaslPassdb passdb;
        private String user;

        Dialog(SaslRequestContext context, SaslPassdb passdb) {
            this.context = context;
            this.passdb = passdb;
        }

        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            if (initialResponse.isEmpty() || initialResponse.get().length == 0) {
                return new SaslStep.Challenge(USERNAME);
            }
            return receive(initialResponse.get());
        }

        @Override
        public SaslStep receive(byte[] response) {
            if (user == null) {
                Optional<String> name = SaslText.identity(response);
                if (name.isEmpty() || name.get().isEmpty()) {
                    return SaslStep.Failure.malformed("LOGIN: user name empty, not UTF-8 or holds control characters");
                }
                user = name.get();
                return new SaslStep.Challenge(PASSWORD);
            }
            if (PlainMechanism.indexOf(response, 0) >= 0) {
                return SaslStep.Failure.malformed("LOGIN: NUL byte in password");
            }
            SaslLogin login = new SaslLogin(NAME, user, Optional.empty(), context);
            byte[] password = response.clone();
            try {
                return PassdbAnswers.toStep(passdb.verifyPlain(login, password), login);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
    }
}
