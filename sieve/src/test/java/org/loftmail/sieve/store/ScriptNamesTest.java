package org.loftmail.sieve.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"main", "my script", "..", ".", "räksmörgås", "a.sieve", "tmp", "-x", "日本語"})
    void acceptsWhatRfc5804AndPigeonholeAllow(String name) {
        assertThat(ScriptNames.problem(name)).isEmpty();
        assertThat(ScriptNames.fromFileName(ScriptNames.fileName(name))).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "../../etc/passwd", "a\u0000b", "a\nb", "a\rb", "tab\t", "del\u007f",
        "c1\u0085", "y\u00ff", "ls\u2028", "ps\u2029", "lone\ud800"})
    void refusesControlsSlashesAndBrokenText(String name) {
        assertThat(ScriptNames.problem(name)).isPresent();
    }

    @Test
    void lengthIsCountedInCharactersAndFileNameBytes() {
        assertThat(ScriptNames.isValid("a".repeat(249))).isTrue();
        assertThat(ScriptNames.isValid("a".repeat(250))).isFalse(); // 250 + ".sieve" > 255 bytes
        assertThat(ScriptNames.isValid("é".repeat(125))).isFalse();
    }

    @Test
    void onlySieveFilesWithValidNamesAreScripts() {
        assertThat(ScriptNames.fromFileName("x.txt")).isEmpty();
        assertThat(ScriptNames.fromFileName(".sieve")).isEmpty();
        assertThat(ScriptNames.fromFileName("tmp")).isEmpty();
    }
}
