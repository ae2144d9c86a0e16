package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {
    private final MapPassdb passdb = new MapPassdb().with("alice", "{SSHA256}TqFU/KI0m6ukRE1Jul1A9vBHj4gnOqS2Sk8LwsK1/uLHAdca");

    private SaslExchange exchange() {
        return new LoginMechanism().newExchange(SaslRequestContext.of("smtp"), passdb);
    }

    @Test
    void asksForUserThenPassword() {
        SaslExchange ex = exchange();
        assertThat(ex.start(Optional.empty())).isEqualTo(new SaslStep.Challenge(bytes("Username:")));
        assertThat(ex.respond(bytes("alice"))).isEqualTo(new SaslStep.Challenge(bytes("Password:")));
        assertThat(ex.respond(bytes("secret"))).isInstanceOfSatisfying(SaslStep.Success.class,
                s -> assertThat(s.user()).isEqualTo("alice"));
    }

    @Test
    void initialResponseIsTheUserName() {
        SaslExchange ex = exchange();
        assertThat(ex.start(Optional.of(bytes("alice")))).isEqualTo(new SaslStep.Challenge(bytes("Password:")));
        assertThat(ex.respond(bytes("wrong"))).isInstanceOfSatisfying(SaslStep.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS));
    }

    @Test
    void emptyInitialResponseStillAsksForTheUser() {
        assertThat(exchange().start(Optional.of(new byte[0]))).isEqualTo(new SaslStep.Challenge(bytes("Username:")));
    }

    @Test
    void badUserNamesAreRefusedBeforeThePassdb() {
        for (String bad : new String[] {"", "al\0ice", "al\nice"}) {
            SaslExchange ex = exchange();
            ex.start(Optional.empty());
            assertThat(ex.respond(bytes(bad))).isInstanceOfSatisfying(SaslStep.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED));
        }
        assertThat(passdb.calls).isEmpty();
    }
}
