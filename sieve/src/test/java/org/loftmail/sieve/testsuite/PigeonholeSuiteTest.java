package org.loftmail.sieve.testsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.run.Interpreter;
import org.loftmail.sieve.run.SieveMail;
import org.loftmail.sieve.run.SieveRuntimeException;

/**
 * Pigeonhole's own test suite (its 147 .svtest files, fetched by scripts/fetch-pigeonhole-testsuite into .cache,
 * never committed) run against Loft's engine with the test-scope testsuite extension. Every file listed in
 * {@code pigeonhole-suite-passing.txt} must pass; the others are reported with their first failure in
 * {@code target/pigeonhole-suite.txt}. Skips when the suite is not fetched.
 */
class PigeonholeSuiteTest {

    static final String DEFAULT_MESSAGE = "From: sender@example.com\r\nTo: recipient@example.net\r\n"
            + "Subject: Frop\r\n\r\nFrop!\r\n";

    @Test
    void suite() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".cache/reference/pigeonhole-tests/tests"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "Pigeonhole's test suite is not fetched (scripts/fetch-pigeonhole-testsuite)");
        Path root = dir.resolve(".cache/reference/pigeonhole-tests/tests");
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(p -> p.toString().endsWith(".svtest")).sorted().toList();
        }
        Map<String, String> outcome = new TreeMap<>();
        for (Path f : files) {
            outcome.put(root.relativize(f).toString(), runFile(f));
        }
        long passed = outcome.values().stream().filter(String::isEmpty).count();
        StringBuilder report = new StringBuilder(passed + " of " + outcome.size() + " files pass\n");
        outcome.forEach((k, v) -> report.append(v.isEmpty() ? "PASS " : "FAIL ").append(k)
                .append(v.isEmpty() ? "" : ": " + v).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/pigeonhole-suite.txt"), report);
        System.out.println(report);
        List<String> expected = new ArrayList<>();
        try (var in = getClass().getResourceAsStream("/pigeonhole-suite-passing.txt")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes()).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) expected.add(line.strip());
                }
            }
        }
        for (String e : expected) {
            assertThat(outcome.get(e)).as(e + " passed before").isEqualTo("");
        }
    }

    /** "" when every test in the file passes, else the first reason. */
    static String runFile(Path file) {
        try {
            Testsuite suite = new Testsuite(file.getParent());
            CompileResult r = new SieveCompiler(Testsuite.enabled(), 0, Testsuite.SPECS)
                    .compile(Files.readAllBytes(file));
            if (r instanceof CompileResult.Failed f) return "does not compile: " + f.errors().get(0);
            Interpreter.run(((CompileResult.Compiled) r).script(), SieveMail.of(DEFAULT_MESSAGE.getBytes()),
                    suite.environment(), suite);
            if (suite.tests == 0) return "no tests ran";
            return suite.failures.isEmpty() ? "" : suite.failures.size() + " of " + suite.tests + " tests fail: "
                    + String.join(" | ", suite.failures);
        } catch (Testsuite.TestFailed e) {
            return "failed outside a test: " + e.getMessage();
        } catch (SieveRuntimeException e) {
            return "runtime error: " + e.getMessage();
        } catch (Exception | StackOverflowError e) {
            StackTraceElement[] st = e.getStackTrace();
            return "error: " + e + (st.length > 0 ? " at " + st[Math.min(st.length - 1, 5)] : "");
        }
    }
}
