package org.loftmail.sieve.compile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Hostile scripts: whatever the bytes, the compiler answers with a script or with errors that carry a position,
 * never with an exception, and huge or deeply nested input stays bounded.
 */
class SieveCompilerPropertiesTest {

    private final SieveCompiler compiler = new SieveCompiler(SieveExtensions.defaults(), 0);

    @Provide
    Arbitrary<String> sieveish() {
        Arbitrary<String> pieces = Arbitraries.of("require", "\"fileinto\"", "[", "]", "(", ")", "{", "}", ";", ",",
                "if", "elsif", "else", "header", ":contains", ":matches", ":regex", ":comparator", "\"i;octet\"",
                "\"X-Spam\"", "\"*\"", "fileinto", "keep", "stop", "text:\n", "\n.\n", "#c\n", "/*", "*/", "100K",
                "anyof", "allof", "not", "true", "false", "\\", "\"", " ", "\n", "${hex:41}", "${1}", ":", "é");
        return pieces.list().ofMaxSize(60).map(l -> String.join(" ", l));
    }

    @Property(tries = 2000)
    void neverThrows(@ForAll("sieveish") String script) {
        CompileResult r = compiler.compile(script);
        if (r instanceof CompileResult.Failed f) {
            assertThat(f.errors()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.line()).isPositive();
                assertThat(e.column()).isPositive();
                assertThat(e.toString()).startsWith("line " + e.line() + ": error: ");
            });
        }
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll byte[] bytes) {
        assertThat(compiler.compile(bytes)).isNotNull();
    }

    @Test
    void tenMegabyteScriptIsRefusedByDefaultAndBoundedWithoutLimit() {
        String big = "keep;\n".repeat(10 * 1024 * 1024 / 6);
        CompileResult.Failed refused = (CompileResult.Failed) new SieveCompiler().compile(big);
        assertThat(refused.errors().get(0).message()).startsWith("script is too large");
        long start = System.nanoTime();
        assertThat(compiler.compile(big).ok()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    }
}
