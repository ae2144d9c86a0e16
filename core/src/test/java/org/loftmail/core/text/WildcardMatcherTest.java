package org.loftmail.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardMatcherTest {

    @ParameterizedTest(name = "{0} vs [{1}]: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *        | ''           | true
            *        | anything     | true
            ?        | ''           | false
            ?        | x            | true
            a*b      | ab           | true
            a*b      | axxb         | true
            a*b      | axxbc        | false
            *@x.org  | joe@x.org    | true
            *@x.org  | joe@x.orgy   | false
            j?e*     | joe@x        | true
            a.b      | axb          | false
            📧?       | 📧x           | true
            ?        | 📧           | true
            """)
    void globs(String mask, String input, boolean expected) {
        assertThat(WildcardMatcher.glob(mask).matches(input)).isEqualTo(expected);
    }

    @Test
    void percentStopsAtTheSeparatorAndStarDoesNot() {
        WildcardMatcher pct = WildcardMatcher.builder().literals("Work/", false).runWithout('/').build();
        assertThat(pct.matches("Work/Projects")).isTrue();
        assertThat(pct.matches("Work/Projects/Old")).isFalse();
        WildcardMatcher mixed = WildcardMatcher.builder().runWithout('/').anyRun().build();
        assertThat(mixed.matches("a/b/c")).isTrue();
        assertThat(mixed.size()).isEqualTo(1);
    }

    @Test
    void ignoringCaseAppliesOnlyToTheLiteralsThatAskForIt() {
        WildcardMatcher m = WildcardMatcher.builder().literals("INBOX", true).literals("/Sub", false).build();
        assertThat(m.matches("inbox/Sub")).isTrue();
        assertThat(m.matches("INBOX/sub")).isFalse();
    }

    /** The pathological masks of issue 20: the work is bounded by (n+1)(m+1), never exponential. */
    @Test
    void workStaysWithinTheProductOfTheLengths() {
        String input = "a".repeat(100);
        for (String mask : new String[] {"*a".repeat(12) + "b", "*a".repeat(50) + "*", "?*".repeat(60) + "b"}) {
            WildcardMatcher m = WildcardMatcher.glob(mask);
            long[] steps = {0};
            m.matches(input, steps);
            assertThat(steps[0]).as(mask).isLessThanOrEqualTo((long) (input.length() + 1) * (m.size() + 1));
        }
    }

    @Property(tries = 2000)
    void agreesWithARegularExpressionOnSmallCases(@ForAll("masks") String mask, @ForAll("inputs") String input) {
        StringBuilder re = new StringBuilder();
        for (char c : mask.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '%' ? "[^/]*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        WildcardMatcher.Builder b = WildcardMatcher.builder();
        for (char c : mask.toCharArray()) {
            if (c == '*') b.anyRun();
            else if (c == '%') b.runWithout('/');
            else if (c == '?') b.anyOne();
            else b.literal(c, false);
        }
        assertThat(b.build().matches(input)).as("%s vs %s", mask, input)
                .isEqualTo(Pattern.compile(re.toString(), Pattern.DOTALL).matcher(input).matches());
    }

    @Provide
    Arbitrary<String> masks() {
        return Arbitraries.strings().withChars("ab/*%?").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.strings().withChars("ab/").ofMaxLength(10);
    }
}
