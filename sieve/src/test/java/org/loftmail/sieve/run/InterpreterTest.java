package org.loftmail.sieve.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.compile.SieveScript;

/** (script, message, envelope) → outcome, one row per behaviour. Outcomes print as "keep", "fileinto:Spam"… */
class InterpreterTest {

    static final String SPAM = "From: Spammer <spam@bad.example>\r\nTo: jsmith@example.com\r\n"
            + "Subject: =?UTF-8?Q?Buy_n=C3=B6w?=\r\nX-Spam-Flag: YES\r\nMessage-ID: <1@bad.example>\r\n\r\nbody\r\n";
    static final String CLEAN = "From: Friend <friend@good.example>\r\nTo: jsmith+lists@example.com\r\n"
            + "Cc: other@example.com, Third <third@example.net>\r\nSubject: [acme-users] [fwd] version 1.0 is out\r\n"
            + "X-Virus-Status: Clean\r\nReceived: a\r\nReceived: b\r\nReceived: c\r\n"
            + "Date: Tue, 1 Mar 2016 10:11:12 +0100\r\nX-Num: 42\r\n\r\nHello there, the body text.\r\n";
    static final String MULTIPART = "From: a@b.example\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "\r\nfirst part mentions a secret word\r\n--XX\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--XX--\r\n";

    static final String GUIDE_SPAM = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n"
            + "        fileinto \"Spam\";\n}\n";
    static final String GUIDE_VIRUS = "require [\"fileinto\"];\nif header :contains \"X-Virus-Status\" \"\" {\n"
            + "        fileinto \"Spam\";\n}\nif not header :contains \"X-Virus-Status\" \"Clean\" {\n"
            + "        fileinto \"Virus\";\n}\n";

    static Stream<Arguments> table() {
        return Stream.of(
                row("guide spam rule, spam", GUIDE_SPAM, SPAM, "fileinto:Spam"),
                row("guide spam rule, clean", GUIDE_SPAM, CLEAN, "keep"),
                row("guide virus rule, clean status", GUIDE_VIRUS, CLEAN, "fileinto:Spam"),
                row("guide virus rule, no status", GUIDE_VIRUS, SPAM, "fileinto:Virus"),
                row("empty script keeps", "", CLEAN, "keep"),
                row("discard cancels implicit keep", "discard;", CLEAN, "discard"),
                row("keep and discard: keep", "keep; discard;", CLEAN, "keep discard"),
                row("stop before action", "stop; discard;", CLEAN, "keep"),
                row("if/elsif/else", "if false { discard; } elsif true { stop; } else { discard; }", CLEAN, "keep"),
                row("else branch", "require \"fileinto\"; if false { discard; } elsif false { stop; } "
                        + "else { fileinto \"X\"; }", CLEAN, "fileinto:X"),
                row("size over", "if size :over 10 { discard; }", CLEAN, "discard"),
                row("size under K", "if size :under 1K { discard; }", CLEAN, "discard"),
                row("exists all", "if exists [\"From\", \"X-Nope\"] { discard; }", CLEAN, "keep"),
                row("header :is casemap", "if header :is \"x-virus-status\" \"CLEAN\" { discard; }", CLEAN,
                        "discard"),
                row("header :is octet", "if header :comparator \"i;octet\" :is \"X-Virus-Status\" \"CLEAN\" "
                        + "{ discard; }", CLEAN, "keep"),
                row("header encoded word decoded", "if header :contains \"subject\" \"nöw\" { discard; }", SPAM,
                        "discard"),
                row("header :matches", "if header :matches \"Subject\" \"[*] *\" { discard; }", CLEAN, "discard"),
                row("header :matches ?", "if header :matches \"X-Num\" \"4?\" { discard; }", CLEAN, "discard"),
                row("address :domain", "if address :domain :is \"from\" \"good.example\" { discard; }", CLEAN,
                        "discard"),
                row("address :localpart all of cc", "if address :localpart :is \"cc\" \"third\" { discard; }",
                        CLEAN, "discard"),
                row("address :detail", "require \"subaddress\"; if address :detail \"to\" \"lists\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("address :user", "require \"subaddress\"; if address :user \"to\" \"jsmith\" { discard; }",
                        CLEAN, "discard"),
                row("envelope from", "require \"envelope\"; if envelope :is \"from\" \"sender@x.example\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("envelope to domain", "require \"envelope\"; if envelope :domain \"to\" \"example.com\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("numeric comparator", "require \"comparator-i;ascii-numeric\"; if header :comparator "
                        + "\"i;ascii-numeric\" :is \"X-Num\" \"042\" { discard; }", CLEAN, "discard"),
                row("relational count", "require \"relational\"; if header :count \"ge\" \"received\" \"3\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("relational value", "require [\"relational\", \"comparator-i;ascii-numeric\"]; "
                        + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-num\" \"9\" { discard; }",
                        CLEAN, "discard"),
                row("regex", "require \"regex\"; if header :regex \"subject\" \"^\\\\[acme-[a-z]+\\\\]\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("variables from :matches", "require [\"variables\", \"fileinto\"]; if header :matches "
                        + "\"Subject\" \"[*] *\" { fileinto \"lists.${1}\"; }", CLEAN, "fileinto:lists.acme-users"),
                row("variables second wildcard", "require [\"variables\", \"fileinto\"]; if header :matches "
                        + "\"Subject\" \"[*] *\" { fileinto \"${2}\"; }", CLEAN,
                        "fileinto:[fwd] version 1.0 is out"),
                row("variables from :regex", "require [\"variables\", \"fileinto\", \"regex\"]; "
                        + "if header :regex \"from\" \"<([a-z]+)@\" { set :upperfirst \"who\" \"${1}\"; "
                        + "fileinto \"${who}\"; }", CLEAN, "fileinto:Friend"),
                row("set modifiers and string", "require \"variables\"; set :upper :length \"n\" \"abc\"; "
                        + "if string :is \"${n}\" \"3\" { discard; }", CLEAN, "discard"),
                row("imap4flags on implicit keep", "require \"imap4flags\"; setflag \"\\\\Seen\"; "
                        + "addflag [\"$Junk\", \"\\\\Flagged\"]; removeflag \"\\\\flagged\";", CLEAN,
                        "keep[$Junk \\Seen]"),
                row("imap4flags :flags", "require [\"imap4flags\", \"fileinto\"]; fileinto :flags \"\\\\Seen\" "
                        + "\"F\";", CLEAN, "fileinto:F[\\Seen]"),
                row("hasflag", "require \"imap4flags\"; addflag \"a b\"; if hasflag :is \"b\" { discard; }",
                        CLEAN, "discard"),
                row("copy keeps implicit keep", "require [\"copy\", \"fileinto\"]; fileinto :copy \"A\";", CLEAN,
                        "fileinto:A keep"),
                row("redirect", "redirect \"x@y.example\";", CLEAN, "redirect:x@y.example"),
                row("duplicate redirect is one", "redirect \"x@y.example\"; redirect \"X@y.example\";", CLEAN,
                        "redirect:x@y.example"),
                row("redirect :copy", "require \"copy\"; redirect :copy \"x@y.example\";", CLEAN,
                        "redirect:x@y.example keep"),
                row("mailbox :create", "require [\"fileinto\", \"mailbox\"]; fileinto :create \"New\";", CLEAN,
                        "fileinto:New+create"),
                row("reject", "require \"reject\"; reject \"go away\";", CLEAN, "reject:go away"),
                row("body :contains", "require \"body\"; if body :contains \"body text\" { discard; }", CLEAN,
                        "discard"),
                row("body :content text part", "require \"body\"; if body :content \"text/plain\" :contains "
                        + "\"secret\" { discard; }", MULTIPART, "discard"),
                row("body :raw", "require \"body\"; if body :raw :contains \"AAAA\" { discard; }", MULTIPART,
                        "discard"),
                row("vacation", "require \"vacation\"; vacation :days 3 :subject \"Away\" \"I am away\";", CLEAN,
                        "vacation:259200 keep"),
                row("date", "require \"date\"; if date :originalzone \"date\" \"year\" \"2016\" { discard; }",
                        CLEAN, "discard"),
                row("date zone", "require \"date\"; if date :zone \"+0000\" \"date\" \"hour\" \"09\" { discard; }",
                        CLEAN, "discard"),
                row("index", "require \"index\"; if header :index 2 :is \"received\" \"b\" { discard; }", CLEAN,
                        "discard"),
                row("index last", "require \"index\"; if header :index 1 :last :is \"received\" \"c\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("ihave", "require \"ihave\"; if ihave \"fileinto\" { discard; }", CLEAN, "discard"),
                row("environment", "require \"environment\"; if environment :is \"location\" \"MDA\" "
                        + "{ discard; }", CLEAN, "discard"),
                row("foreverypart + mime", "require [\"foreverypart\", \"mime\", \"fileinto\"]; foreverypart { "
                        + "if header :mime :subtype \"content-type\" \"pdf\" { fileinto \"PDF\"; break; } }",
                        MULTIPART, "fileinto:PDF"),
                row("extracttext", "require [\"foreverypart\", \"mime\", \"extracttext\", \"variables\", "
                        + "\"fileinto\"]; foreverypart { if header :mime :type \"content-type\" \"text\" { "
                        + "extracttext :first 5 \"t\"; fileinto \"${t}\"; } }", MULTIPART, "fileinto:first"),
                row("header :mime :anychild :param", "require \"mime\"; if header :mime :anychild :param \"name\" "
                        + ":is \"content-type\" \"x.pdf\" { discard; }", MULTIPART, "discard"),
                row("encoded-character", "require [\"encoded-character\", \"fileinto\"]; "
                        + "fileinto \"${hex:53 70 61 6d}\";", CLEAN, "fileinto:Spam"),
                row("notify mailto", "require \"enotify\"; notify :message \"hi\" \"mailto:a@b.example\";", CLEAN,
                        "notify:mailto:a@b.example keep"));
    }

    private static Arguments row(String name, String script, String message, String outcome) {
        return Arguments.of(name, script, message, outcome);
    }

    static SieveScript compile(String script) {
        SieveCompiler c = new SieveCompiler(SieveExtensions.apply(SieveExtensions.defaults(),
                "+editheader +vacation-seconds"), 0);
        CompileResult r = c.compile(script);
        if (r instanceof CompileResult.Failed f) throw new AssertionError(f.report());
        return ((CompileResult.Compiled) r).script();
    }

    static String outcome(SieveResult r) {
        List<String> out = new ArrayList<>();
        for (SieveAction a : r.all()) {
            out.add(switch (a) {
                case SieveAction.Keep k -> "keep" + flags(k.flags());
                case SieveAction.FileInto f -> "fileinto:" + f.mailbox() + flags(f.flags()) + (f.create() ? "+create"
                        : "");
                case SieveAction.Redirect x -> "redirect:" + x.address();
                case SieveAction.Discard d -> "discard";
                case SieveAction.Reject x -> "reject:" + x.reason();
                case SieveAction.Vacation v -> "vacation:" + v.periodSeconds();
                case SieveAction.Notify n -> "notify:" + n.method();
            });
        }
        return String.join(" ", out);
    }

    private static String flags(java.util.Set<String> flags) {
        if (flags.isEmpty()) return "";
        return "[" + String.join(" ", new java.util.TreeSet<>(flags)) + "]";
    }

    static SieveResult run(String script, String message) {
        return Interpreter.run(compile(script), SieveMail.of(message.getBytes(StandardCharsets.UTF_8)),
                RunEnvironment.simple("sender@x.example", "jsmith+lists@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void outcome(String name, String script, String message, String expected) {
        assertThat(outcome(run(script, message))).isEqualTo(expected);
    }

    @Test
    void runtimeFailures() {
        assertThatThrownBy(() -> run("require \"reject\"; keep; reject \"x\";", CLEAN))
                .hasMessageContaining("reject action conflicts");
        StringBuilder many = new StringBuilder("require \"fileinto\";\n");
        for (int i = 0; i < 10_000; i++) many.append("fileinto \"f").append(i).append("\";\n");
        assertThatThrownBy(() -> run(many.toString(), CLEAN)).hasMessageContaining("exceeds policy limit");
        assertThatThrownBy(() -> run("redirect \"a@x.example\"; redirect \"b@x.example\"; redirect \"c@x.example\";"
                + "redirect \"d@x.example\"; redirect \"e@x.example\";", CLEAN))
                .hasMessageContaining("number of redirect actions exceeds policy limit");
        assertThatThrownBy(() -> run("require \"include\"; include \"missing\";", CLEAN))
                .hasMessageContaining("not found");
    }

    @Test
    void catastrophicRegexIsBounded() {
        String value = "a".repeat(40);
        String message = "Subject: " + value + "\r\n\r\nx\r\n";
        long start = System.nanoTime();
        assertThatThrownBy(() -> run("require \"regex\"; if header :regex \"subject\" \"(.*a){25}\" "
                + "{ discard; }", message)).hasMessageContaining("too costly");
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void includeLoopsAreBounded() {
        SieveScript loop = compile("require \"include\"; include \"self\";");
        RunEnvironment env = RunEnvironment.simple("a@b.example", "c@d.example").withIncludes((n, g) -> loop);
        assertThatThrownBy(() -> Interpreter.run(loop, SieveMail.of(CLEAN.getBytes(StandardCharsets.UTF_8)), env))
                .hasMessageContaining("maximum nesting depth");
        SieveScript once = compile("require [\"include\", \"fileinto\"]; include :once \"a\"; include :once \"a\";");
        SieveScript a = compile("require \"fileinto\"; fileinto \"A\";");
        RunEnvironment env2 = RunEnvironment.simple("a@b.example", "c@d.example").withIncludes((n, g) -> a);
        assertThat(outcome(Interpreter.run(once, SieveMail.of(CLEAN.getBytes(StandardCharsets.UTF_8)), env2)))
                .isEqualTo("fileinto:A");
    }

    @Test
    void editheaderChangesWhatLaterTestsSee() {
        assertThat(outcome(run("require \"editheader\"; addheader \"X-Tag\" \"yes\"; "
                + "if header :is \"x-tag\" \"yes\" { discard; }", CLEAN))).isEqualTo("discard");
        assertThat(outcome(run("require \"editheader\"; deleteheader \"X-Spam-Flag\"; "
                + "if exists \"x-spam-flag\" { discard; }", SPAM))).isEqualTo("keep");
    }

    @Test
    void wildcardCapturesAreLeftmostShortestAndLinear() {
        assertThat(WildcardCapture.match("*<*@*", "List <a@b> x", "i;ascii-casemap"))
                .containsExactly("List <a@b> x", "List ", "a", "b> x");
        String value = "a".repeat(5000);
        assertThat(WildcardCapture.match("*a*a*a*a*a*a*a*b", value, "i;octet")).isNull();
    }
}
