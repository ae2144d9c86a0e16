package org.loftmail.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PasswordSchemesTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();
    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

    private static boolean verify(String password, StoredPassword stored) throws InvalidStoredPasswordException {
        return SCHEMES.verify(password.getBytes(StandardCharsets.UTF_8), stored, "user");
    }

    /** The cheapest cost each scheme takes, so the round trips stay fast. */
    private static OptionalInt cheap(String scheme) {
        return switch (scheme) {
            case "CRYPT", "BLF-CRYPT" -> OptionalInt.of(4);
            case "SHA256-CRYPT", "SHA512-CRYPT" -> OptionalInt.of(1000);
            case "ARGON2I", "ARGON2ID" -> OptionalInt.of(1);
            case "PBKDF2", "SCRAM-SHA-1", "SCRAM-SHA-256" -> OptionalInt.of(100);
            default -> OptionalInt.empty();
        };
    }

    @TestFactory
    Stream<DynamicTest> everySchemeRoundTrips() {
        return SCHEMES.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            if (name.equals("DES-CRYPT")) {
                assumeThat(Libcrypt.system().available()).as("system libcrypt").isTrue();
            }
            StoredPassword made = SCHEMES.generate(name, "pässwörd 1".getBytes(StandardCharsets.UTF_8),
                    new GenerateOptions("user", cheap(name)));
            assertThat(made.scheme()).isEqualTo(name);
            assertThat(verify("pässwörd 1", made)).isTrue();
            assertThat(verify("Pässwörd 1", made)).isFalse();
            // what adm pw prints must parse back to the same thing
            assertThat(StoredPassword.parse(made.format(), "PLAIN")).isEqualTo(made);
        }));
    }

    @Test
    void explicitEncodingsRoundTrip() throws Exception {
        for (String name : new String[] {"SHA.b64", "SHA256.hex", "SSHA512.hex", "PLAIN.b64", "CRAM-MD5.b64"}) {
            StoredPassword made = SCHEMES.generate(name, SECRET, GenerateOptions.defaults());
            assertThat(verify("secret", made)).as(name).isTrue();
            assertThat(verify("secreT", made)).as(name).isFalse();
        }
    }

    @Test
    void hexIsAcceptedWhereBase64IsTheDefault() throws Exception {
        assertThat(verify("secret", new StoredPassword("SHA", "e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4"))).isTrue();
    }

    @Test
    void plaintextServesChallengeResponseSchemes() throws Exception {
        byte[] cram = SCHEMES.credentials(new StoredPassword("PLAIN", "secret"), "CRAM-MD5", "u").orElseThrow();
        // doveadm pw -s CRAM-MD5 -p secret
        assertThat(HexFormat.of().formatHex(cram)).isEqualTo("cd3ba7deaad6e5ca23448ba42e379747a9e0f7f1fbc00c8a81bbaac395731b56");
        byte[] stored = SCHEMES.credentials(new StoredPassword("CRAM-MD5", HexFormat.of().formatHex(cram)), "CRAM-MD5", "u").orElseThrow();
        assertThat(stored).isEqualTo(cram);
        byte[] scram = SCHEMES.credentials(new StoredPassword("CLEARTEXT", "secret"), "SCRAM-SHA-256", "u").orElseThrow();
        assertThat(SCHEMES.verify(SECRET, new StoredPassword("SCRAM-SHA-256", new String(scram, StandardCharsets.US_ASCII)), "u")).isTrue();
        assertThat(SCHEMES.credentials(SCHEMES.generate("SHA512-CRYPT", SECRET, GenerateOptions.defaults()), "CRAM-MD5", "u")).isEmpty();
    }

    @Test
    void brokenStoredValuesAreReportedNotThrown() {
        String[][] broken = {
            {"NO-SUCH-SCHEME", "x"}, {"SHA", "dG9vc2hvcnQ="}, {"SHA", "!!!"}, {"SSHA", "AAAA"}, {"PLAIN-MD5", "xyz"},
            {"SHA512-CRYPT", "x"}, {"SHA512-CRYPT", "$6$rounds=abc$salt$hash"}, {"MD5-CRYPT", "$2y$"},
            {"BLF-CRYPT", "$2y$05$short"}, {"BLF-CRYPT", "plain"}, {"ARGON2ID", "$argon2id$v=19$m=99999999,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"},
            {"ARGON2ID", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"}, {"ARGON2I", "$argon2i$v=42$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"},
            {"ARGON2I", "$argon2i$m=64,t=1$c2FsdHNhbHQ$aGFzaA"}, {"PBKDF2", "$1$salt$0$00"}, {"PBKDF2", "$2$salt$10$00"},
            {"PBKDF2", "$1$salt$10$zz"}, {"SCRAM-SHA-1", "4096,salt"}, {"SCRAM-SHA-1", "0,c2FsdA==,AAAA,AAAA"},
            {"SCRAM-SHA-256", "4096,c2FsdA==,AAAA,AAAA"}, {"CRAM-MD5", "00"}, {"MD5", "nothex-nor-base64!"}, {"CRYPT", "x"}
        };
        for (String[] b : broken) {
            assertThatThrownBy(() -> verify("secret", new StoredPassword(b[0], b[1])))
                    .as(b[0] + " " + b[1]).isInstanceOf(InvalidStoredPasswordException.class);
        }
    }

    @Test
    void randomStoredValuesNeverEscapeAsRuntimeExceptions() {
        Random random = new Random(1);
        String alphabet = "$=,.{}/+0123456789abcdefABCDEFmtpvry";
        for (int i = 0; i < 3000; i++) {
            String scheme = SCHEMES.names().get(random.nextInt(SCHEMES.names().size()));
            StringBuilder value = new StringBuilder(scheme.contains("CRYPT") || scheme.startsWith("ARGON") ? "$" : "");
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (value.toString().contains("rounds=")) {
                continue; // a legitimately huge rounds= value is slow, not broken
            }
            StoredPassword stored = new StoredPassword(scheme, value.toString());
            PasswordScheme impl = SCHEMES.find(scheme).orElseThrow();
            try {
                // straight to the scheme: PasswordSchemes.verify would hide a RuntimeException
                impl.verify(SECRET, PasswordSchemes.decode(impl, stored), "user");
            } catch (InvalidStoredPasswordException expected) {
                // fine: reported as a broken value
            }
        }
    }

    @Test
    void generateRefusesUnknownSchemesAndBadRounds() {
        assertThatThrownBy(() -> SCHEMES.generate("ROT13", SECRET, GenerateOptions.defaults()))
                .hasMessageContaining("Unknown scheme");
        // like crypt(3) and doveadm pw: rounds below 1000 become 1000
        assertThat(SCHEMES.generate("SHA512-CRYPT", SECRET, new GenerateOptions("", OptionalInt.of(10))).value())
                .startsWith("$6$rounds=1000$");
        assertThatThrownBy(() -> SCHEMES.generate("DIGEST-MD5", SECRET, GenerateOptions.defaults()))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> SCHEMES.generate("BLF-CRYPT", SECRET, new GenerateOptions("", OptionalInt.of(32))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerateOptions("", OptionalInt.of(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aliases() {
        assertThat(SCHEMES.find("clear")).containsSame(SCHEMES.find("CLEARTEXT").orElseThrow());
        assertThat(SCHEMES.find("HMAC-MD5")).containsSame(SCHEMES.find("CRAM-MD5").orElseThrow());
        assertThat(SCHEMES.find("SHA1.hex")).containsSame(SCHEMES.find("SHA").orElseThrow());
    }
}
