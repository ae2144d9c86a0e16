package org.loftmail.sieve.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SieveCompilerTest {

    private final SieveCompiler compiler = new SieveCompiler();

    static Stream<String> valid() {
        return Stream.of(
                "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n  fileinto \"Spam\";\n}\n",
                "require [\"fileinto\"];\nif header :contains \"X-Virus-Status\" \"\" {\n fileinto \"Spam\";\n}\n"
                        + "if not header :contains \"X-Virus-Status\" \"Clean\" {\n fileinto \"Virus\";\n}\n",
                "keep;",
                "",
                "# only a comment\n/* and a\n bracket one */",
                "if size :over 100K { discard; stop; } elsif true { keep; } else { redirect \"a@b.example\"; }",
                "if anyof (exists \"From\", allof (true, not false)) { keep; }",
                "if address :all :comparator \"i;octet\" :is \"from\" \"a@b.example\" { keep; }",
                "require \"comparator-i;ascii-numeric\";\n"
                        + "if header :comparator \"i;ascii-numeric\" :is \"X-N\" \"3\" { keep; }",
                "require [\"envelope\", \"subaddress\"];\nif envelope :detail \"to\" \"lists\" { discard; }",
                "require [\"imap4flags\", \"fileinto\"];\nsetflag \"\\\\Seen\"; addflag \"f\" \"$Junk\";\n"
                        + "fileinto :flags [\"\\\\Flagged\"] \"INBOX.x\";\nif hasflag :contains \"Seen\" { stop; }",
                "require [\"variables\", \"relational\", \"regex\"];\nset :lower \"n\" \"${1}\";\n"
                        + "if header :regex \"subject\" \"^\\\\[(.*)\\\\]\" { set \"list\" \"${1}\"; }\n"
                        + "if header :count \"ge\" \"received\" \"3\" { keep; }",
                "require \"vacation\";\nvacation :days 7 :subject \"Away\" :addresses [\"a@b.example\"] text:\n"
                        + "I am away.\n..dot\n.\n;",
                "require [\"copy\", \"fileinto\", \"mailbox\"];\nfileinto :copy :create \"Archive\";\n"
                        + "redirect :copy \"x@y.example\";",
                "require [\"body\"];\nif body :text :contains \"viagra\" { discard; }",
                "require [\"include\"];\ninclude :personal \"other\"; return;",
                "require [\"date\", \"relational\"];\nif currentdate :value \"ge\" \"hour\" \"17\" { stop; }",
                "require [\"mime\", \"foreverypart\", \"extracttext\", \"variables\"];\n"
                        + "foreverypart { if header :mime :type \"content-type\" \"text\" { extracttext \"t\"; break; } }",
                "require \"encoded-character\";\nif header :is \"x\" \"${hex: 41 42}\" { keep; }");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void compiles(String script) {
        CompileResult r = compiler.compile(script);
        assertThat(r).as(r instanceof CompileResult.Failed f ? f.report() : "").isInstanceOf(
                CompileResult.Compiled.class);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("fileinto \"Spam\";", "line 1: error: unknown command 'fileinto' "
                        + "(only reported once at first occurrence)."),
                Arguments.of("keep;\nrequire \"fileinto\";", "line 2: error: require commands can only be placed "
                        + "at top level at the beginning of the file."),
                Arguments.of("require [\"fileinto\", \"bogus\"];", "line 1: error: require command: unknown Sieve "
                        + "capability `bogus'."),
                Arguments.of("keep", "line 1: error: expected end of command ';' or the beginning of a compound "
                        + "block '{', but found end of file."),
                Arguments.of("if true {\n keep;\n", "line 3: error: expected end of compound block '}', but found "
                        + "end of file."),
                Arguments.of("\n\nif header :is \"a\" \"b {\n keep; }", "line 4: error: end of file before end of "
                        + "quoted string started at line 3."),
                Arguments.of("if header :bogus \"a\" \"b\" { keep; }", "line 1: error: unknown tagged argument "
                        + "':bogus' for the header test (reported only once at first occurrence)."),
                Arguments.of("redirect :copy \"a@b.example\";", "line 1: error: unknown tagged argument ':copy' "
                        + "for the redirect command (reported only once at first occurrence)."),
                Arguments.of("if header :regex \"a\" \"b\" { keep; }", "line 1: error: unknown tagged argument "
                        + "':regex' for the header test (reported only once at first occurrence)."),
                Arguments.of("elsif true { keep; }", "line 1: error: the elsif command must follow an if or elseif "
                        + "command."),
                Arguments.of("if size 10 { keep; }", "line 1: error: the size test requires either the :under or "
                        + "the :over tag to be specified."),
                Arguments.of("if header :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }",
                        "line 1: error: unknown comparator 'i;ascii-numeric'."),
                Arguments.of("keep \"x\";", "line 1: error: the keep command requires 0 positional argument(s), "
                        + "but 1 is/are specified."),
                Arguments.of("if true;", "line 1: error: the if command requires a command block, but it is "
                        + "missing."),
                Arguments.of("if header \"a\" { keep; }", "line 1: error: the header test requires 2 positional "
                        + "argument(s), but 1 is/are specified."),
                Arguments.of("require \"regex\";\nif header :regex \"s\" \"(a\" { keep; }",
                        "line 2: error: invalid regular expression '(a' for regex match: unmatched ( or \\(."),
                Arguments.of("redirect \"not an address\";", "line 1: error: specified redirect address "
                        + "'not an address' is invalid."),
                Arguments.of("if true { keep; } keep; else { discard; }", "line 1: error: the else command must "
                        + "follow an if or elseif command."),
                Arguments.of("$", "line 1: error: unexpected character(s) starting with '$'."),
                Arguments.of("require \"fileinto\";\nfileinto [\"a\", \"b\"];", "line 2: error: the fileinto "
                        + "command expects a string as argument 1 (folder), but a string list was found."),
                Arguments.of("if keep { stop; }", "line 1: error: attempted to use command 'keep' as test."));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void reportsFirstError(String script, String expected) {
        CompileResult r = compiler.compile(script);
        assertThat(r).isInstanceOf(CompileResult.Failed.class);
        assertThat(((CompileResult.Failed) r).errors().get(0).toString()).isEqualTo(expected);
    }

    @Test
    void unknownCommandReportedOnceAndColumnsKept() {
        CompileResult.Failed f = (CompileResult.Failed) compiler.compile("keep;\n  frob;\nfrob;\n  blah 1;");
        assertThat(f.errors()).extracting(SieveError::line, SieveError::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 3), org.assertj.core.groups.Tuple.tuple(4, 3));
        assertThat(f.report()).endsWith("error: validation failed.");
    }

    @Test
    void extensionsNotEnabledAreUnknownCapabilities() {
        SieveCompiler noVacation = new SieveCompiler(SieveExtensions.apply(SieveExtensions.defaults(),
                "-vacation +editheader"), 0);
        assertThat(noVacation.compile("require \"vacation\";").ok()).isFalse();
        assertThat(noVacation.compile("require \"editheader\";\naddheader \"X-A\" \"b\";").ok()).isTrue();
        assertThat(compiler.compile("require \"editheader\";").ok()).isFalse();
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "if true {".repeat(10_000) + "}".repeat(10_000);
        CompileResult.Failed f = (CompileResult.Failed) compiler.compile(deep);
        assertThat(f.errors().get(0).message()).contains("nest");
        String tests = "if " + "not ".repeat(100_000) + "true { keep; }";
        assertThat(compiler.compile(tests).ok()).isFalse();
    }

    @Test
    void scriptSizeIsLimited() {
        SieveCompiler small = new SieveCompiler(SieveExtensions.defaults(), 100);
        CompileResult.Failed f = (CompileResult.Failed) small.compile("#".repeat(101));
        assertThat(f.errors().get(0).message()).startsWith("script is too large");
    }

    @Test
    void multiLineStringsAndEncodedCharacters() {
        var s = ((CompileResult.Compiled) compiler.compile("require [\"reject\", \"encoded-character\"];\n"
                + "reject text:\nline one\n..dotted\n.\n;\nreject \"${unicode:263a}${hex:4}\";")).script();
        assertThat(s.commands().get(0).string(0)).isEqualTo("line one\r\n.dotted\r\n");
        assertThat(s.commands().get(1).string(0)).isEqualTo("\u263a\u0004");
        assertThat(s.requires("reject")).isTrue();
    }

    @Test
    void sieveExtensionsSettingReplacesOrModifies() {
        assertThat(SieveExtensions.apply(SieveExtensions.defaults(), "fileinto vacation"))
                .containsExactly("fileinto", "vacation");
        assertThat(SieveExtensions.apply(SieveExtensions.defaults(), "+vacation-seconds -regex"))
                .contains("vacation-seconds").doesNotContain("regex");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SieveExtensions.apply(Set0.EMPTY, "+nope"))
                .hasMessageContaining("'nope'");
    }

    private static final class Set0 {
        static final java.util.Set<String> EMPTY = java.util.Set.of();
    }

    @Test
    void defaultAdvertisingOrderIsPigeonholes() {
        assertThat(String.join(" ", SieveExtensions.DEFAULT)).isEqualTo("fileinto reject envelope "
                + "encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags copy "
                + "include variables body enotify environment mailbox date index ihave duplicate mime foreverypart "
                + "extracttext");
        assertThat(List.copyOf(SieveExtensions.defaults())).isEqualTo(SieveExtensions.DEFAULT);
    }
}
