package org.loftmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.scheme.StoredPassword;
import picocli.CommandLine;

class PwCommandTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new PwCommand(SCHEMES, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString().strip(), err.toString().strip());
    }

    private static boolean verifies(String password, String stored) throws Exception {
        return SCHEMES.verify(password.getBytes(StandardCharsets.UTF_8), StoredPassword.parse(stored, "PLAIN"), "");
    }

    @Test
    void makesAHashThatVerifies() throws Exception {
        Run r = run("", "-s", "SHA512-CRYPT", "-p", "secret");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{SHA512-CRYPT}$6$");
        assertThat(verifies("secret", r.out())).isTrue();
        assertThat(verifies("Secret", r.out())).isFalse();
    }

    @Test
    void defaultSchemeIsCryptAsInDoveadm() {
        Run r = run("", "-p", "secret");
        assertThat(r.out()).startsWith("{CRYPT}$2y$05$");
    }

    @Test
    void roundsAreHonoured() {
        assertThat(run("", "-s", "SHA256-CRYPT", "-r", "12000", "-p", "x").out()).startsWith("{SHA256-CRYPT}$5$rounds=12000$");
        assertThat(run("", "-s", "BLF-CRYPT", "-r", "6", "-p", "x").out()).startsWith("{BLF-CRYPT}$2y$06$");
        assertThat(run("", "-s", "PBKDF2", "-r", "1200", "-p", "x").out()).matches("\\{PBKDF2\\}\\$1\\$[^$]{16}\\$1200\\$[0-9a-f]{40}");
        assertThat(run("", "-s", "SCRAM-SHA-256", "-r", "5000", "-p", "x").out()).startsWith("{SCRAM-SHA-256}5000,");
    }

    @Test
    void encodingSuffix() throws Exception {
        Run r = run("", "-s", "sha256.hex", "-p", "secret");
        assertThat(r.out()).isEqualTo("{SHA256.HEX}2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
        assertThat(verifies("secret", r.out())).isTrue();
    }

    @Test
    void testOptionChecksADoveadmHash() {
        Run ok = run("", "-p", "secret", "-t", "{SHA512-CRYPT}$6$b08RHE6nfFFa.ijq$alEVyYUsv2LBH0w5FL0QYb5b5VUm.9gapI9egIiDLF1miBASFPyiqk.0NLmrgvQB8.LealEroMFSsWm88ZbJF/");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).endsWith("(verified)");
        Run bad = run("", "-p", "wrong", "-t", "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=");
        assertThat(bad.exit()).isEqualTo(75);
        assertThat(bad.err()).contains("Password mismatch");
    }

    @Test
    void reverseVerify() {
        assertThat(run("", "-s", "ARGON2I", "-r", "1", "-p", "secret", "-V").out()).startsWith("{ARGON2I}$argon2i$v=19$m=32768,t=1,p=1$").endsWith("(verified)");
    }

    @Test
    void passwordFromStandardInputWithoutATerminal() throws Exception {
        Run r = run("from-stdin\n", "-s", "SSHA256");
        assertThat(r.exit()).isZero();
        assertThat(verifies("from-stdin", r.out())).isTrue();
        assertThat(run("", "-s", "SSHA256").exit()).isNotZero();
    }

    @Test
    void listAndUnknownScheme() {
        assertThat(run("", "-l").out()).contains("SHA512-CRYPT", "ARGON2ID", "SCRAM-SHA-256", "CRAM-MD5");
        Run r = run("", "-s", "NOPE", "-p", "x");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Unknown scheme: NOPE");
        Run rounds = run("", "-s", "BLF-CRYPT", "-r", "99", "-p", "x");
        assertThat(rounds.exit()).isNotZero();
        assertThat(rounds.err()).contains("cost");
    }

    @Test
    void registeredUnderAdm() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"pw", "-s", "SSHA512", "-p", "secret"},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(printed).startsWith("{SSHA512}");
        assertThat(verifies("secret", printed)).isTrue();
        assertThat(AdminCli.run(new String[] {"pw", "-s", "BOGUS", "-p", "x"}, new java.io.PrintStream(out), new java.io.PrintStream(err)))
                .isEqualTo(AdminCli.EXIT_USAGE);
    }
}
