package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalAndAnonymousMechanismTest {
    private final MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}unused");

    private static SaslRequestContext withCertificate(String user) {
        return new SaslRequestContext("imap", Optional.empty(), Optional.empty(), true, Optional.ofNullable(user), "s1");
    }

    @Test
    void externalWithJdkClientUsesTheCertificateUser() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("EXTERNAL", null, "ignored", "ignored"),
                new ExternalMechanism().newExchange(withCertificate("alice"), passdb));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.user()).isEqualTo("alice"));
        assertThat(passdb.calls.getFirst().mechanism()).isEqualTo("EXTERNAL");
    }

    @Test
    void externalWithAuthzid() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("EXTERNAL", "shared", "x", "x"),
                new ExternalMechanism().newExchange(withCertificate("alice"), passdb));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.authzid()).contains("shared"));
    }

    @Test
    void externalWithoutCertificateFails() {
        SaslStep step = new ExternalMechanism().newExchange(withCertificate(null), passdb).start(Optional.of(new byte[0]));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS));
        assertThat(passdb.calls).isEmpty();
    }

    @Test
    void externalUnknownCertificateUserFails() {
        SaslStep step = new ExternalMechanism().newExchange(withCertificate("mallory"), passdb).start(Optional.of(new byte[0]));
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void anonymousLogsInAsTheConfiguredUser() {
        SaslExchange ex = new AnonymousMechanism("guest").newExchange(SaslRequestContext.of("imap"), passdb);
        assertThat(ex.start(Optional.of(bytes("someone@example.org")))).isInstanceOfSatisfying(SaslStep.Success.class,
                s -> assertThat(s.user()).isEqualTo("guest"));
        assertThat(passdb.calls).isEmpty();
    }

    @Test
    void anonymousRefusesOverlongOrBinaryTrace() {
        AnonymousMechanism mechanism = new AnonymousMechanism("guest");
        assertThat(mechanism.newExchange(SaslRequestContext.of("imap"), passdb).start(Optional.of(bytes("x".repeat(256)))))
                .isInstanceOf(SaslStep.Failure.class);
        assertThat(mechanism.newExchange(SaslRequestContext.of("imap"), passdb).start(Optional.of(bytes("a\0b"))))
                .isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void anonymousNeedsAUserName() {
        assertThatThrownBy(() -> new AnonymousMechanism(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
