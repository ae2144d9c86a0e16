package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainMechanismTest {
    private final MapPassdb passdb = new MapPassdb()
            .with("alice", "{SHA512-CRYPT}$6$b08RHE6nfFFa.ijq$alEVyYUsv2LBH0w5FL0QYb5b5VUm.9gapI9egIiDLF1miBASFPyiqk.0NLmrgvQB8.LealEroMFSsWm88ZbJF/")
            .with("bob", "{PLAIN}pässwörd");
    private final SaslRequestContext context = SaslRequestContext.of("imap");

    private SaslExchange exchange() {
        return new PlainMechanism().newExchange(context, passdb);
    }

    @Test
    void jdkClientLogsIn() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("PLAIN", null, "alice", "secret"), exchange());
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> {
            assertThat(s.user()).isEqualTo("alice");
            assertThat(s.authzid()).isEmpty();
        });
        assertThat(passdb.calls).singleElement().satisfies(l -> assertThat(l.mechanism()).isEqualTo("PLAIN"));
    }

    @Test
    void jdkClientWithAuthzidPassesItToThePassdb() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("PLAIN", "bob", "alice", "secret"), exchange());
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> {
            assertThat(s.user()).isEqualTo("bob");
            assertThat(s.authzid()).contains("bob");
        });
        assertThat(passdb.calls.getFirst().authzid()).contains("bob");
        assertThat(passdb.calls.getFirst().authcid()).isEqualTo("alice");
    }

    @Test
    void utf8PasswordAsBytes() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("PLAIN", null, "bob", "pässwörd"), exchange());
        assertThat(step).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        SaslStep wrong = JdkSaslClients.run(JdkSaslClients.client("PLAIN", null, "alice", "nope"), exchange());
        SaslStep unknown = JdkSaslClients.run(JdkSaslClients.client("PLAIN", null, "mallory", "nope"), exchange());
        assertThat(wrong).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS);
            assertThat(f.temporary()).isFalse();
        });
        assertThat(unknown).isInstanceOfSatisfying(SaslStep.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS));
    }

    @Test
    void databaseDownIsTemporary() {
        passdb.down = true;
        SaslStep step = exchange().start(Optional.of(bytes("\0alice\0secret")));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
            assertThat(f.temporary()).isTrue();
            assertThat(f.kind().authProtocolCode()).isEqualTo("temp_fail");
        });
    }

    @Test
    void disabledUserKeepsThePassdbReason() {
        passdb.disabledReason = Optional.of("Account suspended");
        SaslStep step = exchange().start(Optional.of(bytes("\0alice\0secret")));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.USER_DISABLED);
            assertThat(f.clientMessage()).contains("Account suspended");
        });
    }

    @Test
    void withoutInitialResponseTheServerSendsAnEmptyChallenge() {
        SaslExchange exchange = exchange();
        assertThat(exchange.start(Optional.empty())).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(exchange.respond(bytes("\0alice\0secret"))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void passwordNeverInLogDetail() {
        SaslStep step = exchange().start(Optional.of(bytes("\0alice\0hunter2")));
        assertThat(((SaslStep.Failure) step).logDetail()).doesNotContain("hunter2");
    }

    @Test
    void authzidEqualToAuthcidIsNoMasterLogin() {
        SaslStep step = exchange().start(Optional.of(bytes("alice\0alice\0secret")));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.authzid()).isEmpty());
        assertThat(passdb.calls.getFirst().authzid()).isEmpty();
    }
}
