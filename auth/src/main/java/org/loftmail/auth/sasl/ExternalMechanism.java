package org.loftmail.auth.sasl;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * EXTERNAL (RFC 4422 appendix A) with the TLS client certificate as the credential: the user is
 * the certificate's name ({@code ssl_username_from_cert}); the client's message is an optional
 * authzid. The passdb only confirms the user exists and may log in.
 */
public final class ExternalMechanism implements SaslMechanism {
    public static final String NAME = "EXTERNAL";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MechanismFlag> flags() {
        return EnumSet.noneOf(MechanismFlag.class);
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
        public SaslStep receive(byte[] authzidBytes) {
            Optional<String> authzid = SaslText.identity(authzidBytes);
            if (authzid.isEmpty()) {
                return SaslStep.Failure.malformed("EXTERNAL: authzid is not UTF-8 or holds control characters");
            }
            Optional<String> user = context.certificateUser().filter(u -> !u.isEmpty());
            if (user.isEmpty()) {
                return PassdbAnswers.credentials("EXTERNAL: no verified client certificate user name");
            }
            SaslLogin login = new SaslLogin(NAME, user.get(), authzid, context);
            return PassdbAnswers.toStep(passdb.lookupWithoutPassword(login), login);
        }
    }
}
