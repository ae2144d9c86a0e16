package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Bad input in every mechanism ends in a failure with a reason, never an exception. */
class MalformedInputTest {
    private static final SaslMechanisms ALL = SaslMechanisms.fromSetting(
            "plain login cram-md5 scram-sha-1 scram-sha-256 external anonymous",
            new SaslMechanisms.Settings("localhost", "anonymous", MapPassdb.SCHEMES));
    private final MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}secret");
    private final SaslRequestContext context =
            new SaslRequestContext("imap", Optional.empty(), Optional.empty(), true, Optional.of("alice"), "");

    record Case(String mechanism, String why, List<byte[]> messages) {}

    private static Case c(String mechanism, String why, String... messages) {
        return new Case(mechanism, why, Stream.of(messages).map(MapPassdb::bytes).toList());
    }

    static Stream<Case> cases() {
        String longName = "a".repeat(SaslExchange.MAX_RESPONSE_BYTES);
        return Stream.of(
                c("PLAIN", "no NUL", "alicesecret"),
                c("PLAIN", "one NUL", "alice\0secret"),
                c("PLAIN", "three NULs", "\0alice\0sec\0ret"),
                c("PLAIN", "empty authcid", "\0\0secret"),
                c("PLAIN", "control character in user", "\0al\rice\0secret"),
                c("PLAIN", "over-long", "\0" + longName + "\0secret"),
                c("LOGIN", "NUL in user", "", "al\0ice"),
                c("LOGIN", "NUL in password", "", "alice", "sec\0ret"),
                c("CRAM-MD5", "no space", "", "alice0123456789abcdef0123456789abcdef"),
                c("CRAM-MD5", "short digest", "", "alice 0123"),
                c("CRAM-MD5", "not hex", "", "alice zz23456789abcdef0123456789abcdef"),
                c("CRAM-MD5", "NUL in user", "", "al\0ce 0123456789abcdef0123456789abcdef"),
                c("SCRAM-SHA-256", "no gs2 header", "n=alice,r=abc"),
                c("SCRAM-SHA-256", "channel binding required", "p=tls-unique,,n=alice,r=abc"),
                c("SCRAM-SHA-256", "bad cbind flag", "x,,n=alice,r=abc"),
                c("SCRAM-SHA-256", "bad authzid", "n,b=bob,n=alice,r=abc"),
                c("SCRAM-SHA-256", "mandatory extension", "n,,m=ext,n=alice,r=abc"),
                c("SCRAM-SHA-256", "missing nonce", "n,,n=alice"),
                c("SCRAM-SHA-256", "bad escape", "n,,n=al=ice,r=abc"),
                c("SCRAM-SHA-256", "NUL in user", "n,,n=al\0ice,r=abc"),
                c("SCRAM-SHA-256", "comma-free garbage final", "n,,n=alice,r=abc", "garbage"),
                c("SCRAM-SHA-256", "proof not base64", "n,,n=alice,r=abc", "c=biws,r=abc,p=!!!"),
                c("SCRAM-SHA-256", "wrong nonce", "n,,n=alice,r=abc", "c=biws,r=abcX,p=AAAA"),
                c("SCRAM-SHA-1", "final without c=", "n,,n=alice,r=abc", "r=abc,p=AAAA"),
                c("EXTERNAL", "NUL in authzid", "a\0b"),
                c("ANONYMOUS", "control characters", "\u0001\u0002"));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFails() {
        return cases().map(tc -> DynamicTest.dynamicTest(tc.mechanism() + ": " + tc.why(), () -> {
            SaslExchange ex = ALL.find(tc.mechanism()).orElseThrow().newExchange(context, passdb);
            SaslStep step = null;
            for (int i = 0; i < tc.messages().size(); i++) {
                byte[] m = tc.messages().get(i);
                step = i == 0 ? ex.start(m.length == 0 ? Optional.empty() : Optional.of(m)) : ex.respond(m);
                if (step.isFinal()) {
                    break;
                }
            }
            assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
                assertThat(f.temporary()).isFalse();
                assertThat(f.logDetail()).isNotBlank();
            });
        }));
    }

    @Test
    void wrongStepOrder() {
        for (SaslMechanism m : ALL.all()) {
            SaslExchange notStarted = m.newExchange(context, passdb);
            assertThat(notStarted.respond(bytes("x"))).as(m.name()).isInstanceOf(SaslStep.Failure.class);
            assertThat(notStarted.start(Optional.empty())).as(m.name() + " after failure").isInstanceOf(SaslStep.Failure.class);

            SaslExchange twice = m.newExchange(context, passdb);
            twice.start(Optional.empty());
            assertThat(twice.start(Optional.empty())).as(m.name()).isInstanceOf(SaslStep.Failure.class);
            assertThat(twice.respond(bytes("x"))).as(m.name() + " after the end").isInstanceOf(SaslStep.Failure.class);
        }
    }

    @Test
    void overlongResponseAnywhere() {
        byte[] huge = new byte[SaslExchange.MAX_RESPONSE_BYTES + 1];
        for (SaslMechanism m : ALL.all()) {
            assertThat(m.newExchange(context, passdb).start(Optional.of(huge))).as(m.name()).isInstanceOf(SaslStep.Failure.class);
            SaslExchange ex = m.newExchange(context, passdb);
            ex.start(Optional.empty());
            assertThat(ex.respond(huge)).as(m.name()).isInstanceOf(SaslStep.Failure.class);
        }
        assertThat(passdb.calls).isEmpty();
    }

    @Test
    void randomBytesNeverThrowAndNeverSucceed() {
        Random random = new Random(4422);
        for (int round = 0; round < 3000; round++) {
            SaslMechanism m = ALL.all().get(random.nextInt(ALL.all().size()));
            if (m.name().equals("ANONYMOUS") || m.name().equals("EXTERNAL")) {
                continue; // these accept almost anything by design; their refusals are tested above
            }
            SaslExchange ex = m.newExchange(context, passdb);
            SaslStep step = ex.start(random.nextBoolean() ? Optional.empty() : Optional.of(randomMessage(random)));
            for (int i = 0; i < 4 && !step.isFinal(); i++) {
                step = ex.respond(randomMessage(random));
            }
            assertThat(step).isNotInstanceOf(SaslStep.Success.class);
            if (step instanceof SaslStep.Failure f) {
                // the passdb is up, so a temporary failure would mean an internal error was caught
                assertThat(f.temporary()).as(m.name() + ": " + f.logDetail()).isFalse();
            }
        }
    }

    private static byte[] randomMessage(Random random) {
        String[] pieces = {"\0", ",", "=", "n", "y", "p=", "a=", "n=", "r=", "c=", "biws", "alice", "secret", " ", "=2C", "m="};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                sb.append((char) random.nextInt(256));
            } else {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
        }
        return bytes(sb.toString());
    }
}
