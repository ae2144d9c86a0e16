package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CramMd5MechanismTest {
    // CRAM-MD5 context of "secret" as made by doveadm pw -s CRAM-MD5
    private final MapPassdb passdb = new MapPassdb()
            .with("alice", "{CRAM-MD5}cd3ba7deaad6e5ca23448ba42e379747a9e0f7f1fbc00c8a81bbaac395731b56")
            .with("bob", "{PLAIN}secret")
            .with("carol", "{SHA512-CRYPT}$6$b08RHE6nfFFa.ijq$alEVyYUsv2LBH0w5FL0QYb5b5VUm.9gapI9egIiDLF1miBASFPyiqk.0NLmrgvQB8.LealEroMFSsWm88ZbJF/");

    private SaslExchange exchange() {
        return new CramMd5Mechanism("mail.example.org", MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb);
    }

    @Test
    void challengeLooksLikeRfc2195() {
        SaslStep step = exchange().start(Optional.empty());
        String challenge = new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
        assertThat(challenge).matches("<\\d+\\.\\d+@mail\\.example\\.org>");
    }

    @Test
    void jdkClientWithStoredHmacContext() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("CRAM-MD5", null, "alice", "secret"), exchange());
        assertThat(step).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(s.user()).isEqualTo("alice"));
    }

    @Test
    void jdkClientWithPlaintextPassword() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("CRAM-MD5", null, "bob", "secret"), exchange());
        assertThat(step).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void wrongPassword() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("CRAM-MD5", null, "alice", "Secret"), exchange());
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS));
    }

    @Test
    void hashedPasswordCannotServeCramMd5() throws Exception {
        SaslStep step = JdkSaslClients.run(JdkSaslClients.client("CRAM-MD5", null, "carol", "secret"), exchange());
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS);
            assertThat(f.logDetail()).contains("SHA512-CRYPT");
        });
    }

    @Test
    void initialResponseIsRefused() {
        assertThat(exchange().start(Optional.of(bytes("alice 0123")))).isInstanceOfSatisfying(SaslStep.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void rfc2195Example() {
        // RFC 2195 section 2: user tim, password tanstaaftanstaaf
        // the mechanism's challenge is random, so check the digest it compares against
        byte[] context = org.loftmail.auth.scheme.CramMd5Scheme.hmac(
                MapPassdb.SCHEMES.generate("CRAM-MD5", bytes("tanstaaftanstaaf"),
                        org.loftmail.auth.scheme.GenerateOptions.defaults()).value().transform(java.util.HexFormat.of()::parseHex),
                bytes("<1896.697170952@postoffice.reston.mci.net>"));
        assertThat(java.util.HexFormat.of().formatHex(context)).isEqualTo("b913a602c7eda7a495b4e6e7334d3890");
    }
}
