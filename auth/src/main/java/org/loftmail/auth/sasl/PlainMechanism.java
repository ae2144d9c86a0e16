package org.loftmail.auth.sasl;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in one client message. Identities
 * must be UTF-8 without control characters; the password is handed on as bytes.
 */
public final class PlainMechanism implements SaslMechanism {
    public static final String NAME = "PLAIN";

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

    private record Dialog(SaslRequestContext context, SaslPassdb passdb) implements MechanismDialog {
        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            return initialResponse.map(this::receive).orElseGet(() -> new SaslStep.Challenge(new byte[0]));
        }

        @Override
        public SaslStep receive(byte[] message) {
            int first = indexOf(message, 0);
            int second = first < 0 ? -1 : indexOf(message, first + 1);
            if (second < 0 || indexOf(message, second + 1) >= 0) {
                return SaslStep.Failure.malformed("PLAIN: message must have exactly two NUL separators");
            }
            Optional<String> authzid = SaslText.identity(message, 0, first);
            Optional<String> authcid = SaslText.identity(message, first + 1, second);
            if (authzid.isEmpty() || authcid.isEmpty()) {
                return SaslStep.Failure.malformed("PLAIN: identity is not valid UTF-8 or holds control characters");
            }
            if (authcid.get().isEmpty()) {
                return SaslStep.Failure.malformed("PLAIN: empty authentication identity");
            }
            byte[] password = Arrays.copyOfRange(message, second + 1, message.length);
            SaslLogin login = new SaslLogin(NAME, authcid.get(), authzid, context);
            try {
                return PassdbAnswers.toStep(passdb.verifyPlain(login, password), login);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

    static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
