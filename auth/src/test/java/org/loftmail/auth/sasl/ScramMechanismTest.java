package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loftmail.auth.scheme.ScramAlgorithm;

class ScramMechanismTest {

    private static String text(SaslStep step) {
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    /** RFC 5802 section 5: user "user", password "pencil". */
    @Test
    void rfc5802ExampleExchange() {
        String stored = ScramAlgorithm.SHA_1.credentials(bytes("pencil"), Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096).format();
        MapPassdb passdb = new MapPassdb().with("user", "{SCRAM-SHA-1}" + stored);
        SaslExchange ex = new ScramMechanism(ScramAlgorithm.SHA_1, MapPassdb.SCHEMES, () -> "3rfcNHYJY1ZVvWVs7j")
                .newExchange(SaslRequestContext.of("imap"), passdb);
        SaslStep first = ex.start(Optional.of(bytes("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")));
        assertThat(text(first)).isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        SaslStep last = ex.respond(bytes("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class, s -> {
            assertThat(s.user()).isEqualTo("user");
            assertThat(new String(s.additionalData().orElseThrow(), StandardCharsets.UTF_8))
                    .isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        });
    }

    /** RFC 7677 section 3: user "user", password "pencil". */
    @Test
    void rfc7677ExampleExchange() {
        String stored = ScramAlgorithm.SHA_256.credentials(bytes("pencil"), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096).format();
        MapPassdb passdb = new MapPassdb().with("user", "{SCRAM-SHA-256}" + stored);
        SaslExchange ex = new ScramMechanism(ScramAlgorithm.SHA_256, MapPassdb.SCHEMES, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
                .newExchange(SaslRequestContext.of("imap"), passdb);
        assertThat(ex.start(Optional.empty())).isEqualTo(new SaslStep.Challenge(new byte[0]));
        SaslStep first = ex.respond(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(text(first)).isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslStep last = ex.respond(bytes(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(last).isInstanceOfSatisfying(SaslStep.Success.class, s -> assertThat(
                new String(s.additionalData().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void dovecotStoredCredentialsAndAuthzid() {
        // doveadm pw -s SCRAM-SHA-256 -p secret
        MapPassdb passdb = new MapPassdb().with("alice",
                "{SCRAM-SHA-256}4096,bkpdcvnddv1KSyrpETAz7g==,2TzeDXwjQkjgs7zRS7VtssuZdP22bp9ZX/uGcb0thXs=,AvDj6eWzW62Cr30PJ0Wi5BF7EQHb+J/N/8sJfs/392w=");
        ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, "n,a=bob,", "alice", "secret");
        SaslStep result = client.run(ScramMechanism.sha256(MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb));
        assertThat(result).isInstanceOfSatisfying(SaslStep.Success.class, s -> {
            assertThat(s.authzid()).contains("bob");
            assertThat(client.serverVerified(s)).isTrue();
        });
        assertThat(passdb.calls.getFirst().authzid()).contains("bob");
    }

    @Test
    void plaintextStoredPasswordServesScram() {
        MapPassdb passdb = new MapPassdb().with("bob", "{PLAIN}pässwörd");
        ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_1, "y,,", "bob", "pässwörd");
        SaslStep result = client.run(ScramMechanism.sha1(MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb));
        assertThat(result).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void wrongPasswordAndUnknownUserFailOnlyAtTheProof() {
        MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}secret");
        for (String user : new String[] {"alice", "nobody"}) {
            ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, "n,,", user, "wrong");
            SaslExchange ex = ScramMechanism.sha256(MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb);
            SaslStep first = ex.start(Optional.of(client.clientFirst()));
            assertThat(first).as(user).isInstanceOf(SaslStep.Challenge.class);
            SaslStep last = ex.respond(client.clientFinal(((SaslStep.Challenge) first).data()));
            assertThat(last).as(user).isInstanceOfSatisfying(SaslStep.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIALS));
        }
    }

    @Test
    void unknownUserGetsTheSameSaltEachTime() {
        MapPassdb passdb = new MapPassdb();
        ScramMechanism mechanism = ScramMechanism.sha256(MapPassdb.SCHEMES);
        String a = text(mechanism.newExchange(SaslRequestContext.of("imap"), passdb).start(Optional.of(bytes("n,,n=ghost,r=abc"))));
        String b = text(mechanism.newExchange(SaslRequestContext.of("imap"), passdb).start(Optional.of(bytes("n,,n=ghost,r=abc"))));
        assertThat(a.substring(a.indexOf(",s="))).isEqualTo(b.substring(b.indexOf(",s=")));
    }

    @Test
    void databaseDownIsTemporaryAtOnce() {
        MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}secret");
        passdb.down = true;
        SaslStep step = ScramMechanism.sha1(MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb)
                .start(Optional.of(bytes("n,,n=alice,r=abc")));
        assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> assertThat(f.temporary()).isTrue());
    }

    @Test
    void channelBindingMismatchIsRefused() {
        MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}secret");
        ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, "n,,", "alice", "secret");
        SaslExchange ex = ScramMechanism.sha256(MapPassdb.SCHEMES).newExchange(SaslRequestContext.of("imap"), passdb);
        SaslStep first = ex.start(Optional.of(client.clientFirst()));
        String fin = new String(client.clientFinal(((SaslStep.Challenge) first).data()), StandardCharsets.UTF_8)
                .replace("c=biws", "c=eSws"); // "y,," instead of "n,,"
        assertThat(ex.respond(bytes(fin))).isInstanceOfSatisfying(SaslStep.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void saslnameEscapes() {
        assertThat(ScramMechanism.saslname("a=2Cb=3Dc")).contains("a,b=c");
        assertThat(ScramMechanism.saslname("a=2")).isEmpty();
        assertThat(ScramMechanism.saslname("a=41")).isEmpty();
        assertThat(ScramMechanism.saslname("")).isEmpty();
    }
}
