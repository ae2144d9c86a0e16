package org.loftmail.sieve.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveExtensions;

/**
 * Debian's {@code sieve-test} (Pigeonhole 0.5, unpacked by scripts/fetch-dovecot-sieve-binaries, never installed)
 * as a second opinion: the same scripts and messages through it and through Loft's engine, the performed actions
 * and implicit keep (or the first compile error) compared. Skips when the binaries are missing.
 */
class PigeonholeDifferentialTest {

    static Path sieveTest;
    static Path work;

    @BeforeAll
    static void locate() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve(".cache/reference/dovecot-sieve-bin/usr/bin/sieve-test"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "Debian's sieve-test is not unpacked (scripts/fetch-dovecot-sieve-binaries); skipping");
        sieveTest = dir.resolve(".cache/reference/dovecot-sieve-bin/usr/bin/sieve-test");
        work = Files.createTempDirectory("loft-sieve-diff-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(work.resolve("md"));
        Files.setPosixFilePermissions(work.resolve("md"), PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void clean() throws IOException {
        if (work == null) return;
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static final String PLAIN = "From: Friend <friend@good.example>\r\nTo: jsmith+lists@example.com\r\n"
            + "Cc: other@example.com, Third <third@example.net>\r\nSubject: [acme-users] [fwd] version 1.0 is out\r\n"
            + "X-Virus-Status: Clean\r\nReceived: a\r\nReceived: b\r\nReceived: c\r\nX-Num: 42\r\n"
            + "Date: Tue, 1 Mar 2016 10:11:12 +0100\r\nMessage-ID: <p1@good.example>\r\n\r\nHello there, the body text.\r\n";
    static final String SPAM = "From: spam@bad.example\r\nTo: jsmith@example.com\r\nSubject: =?UTF-8?Q?Buy_n=C3=B6w?=\r\n"
            + "X-Spam-Flag: YES\r\nMessage-ID: <s1@bad.example>\r\n\r\nbuy\r\n";
    static final String MULTI = "From: a@b.example\r\nTo: jsmith@example.com\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "first part mentions a secret word\r\n--XX\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--XX--\r\n";

    static Stream<Arguments> cases() {
        List<String[]> c = new ArrayList<>();
        String guideSpam = "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n        "
                + "fileinto \"Spam\";\n}\n";
        String guideVirus = "require [\"fileinto\"];\nif header :contains \"X-Virus-Status\" \"\" {\n        "
                + "fileinto \"Spam\";\n}\nif not header :contains \"X-Virus-Status\" \"Clean\" {\n        "
                + "fileinto \"Virus\";\n}\n";
        for (String m : List.of("PLAIN", "SPAM", "MULTI")) {
            c.add(new String[] {"guide spam " + m, guideSpam, m});
            c.add(new String[] {"guide virus " + m, guideVirus, m});
        }
        String[][] scripts = {
            {"empty", ""},
            {"keep", "keep;"},
            {"discard", "discard;"},
            {"stop", "stop; discard;"},
            {"keep+fileinto INBOX", "require \"fileinto\"; keep; fileinto \"INBOX\";"},
            {"twice the same folder", "require \"fileinto\"; fileinto \"A\"; fileinto \"A\";"},
            {"size", "if size :over 100 { discard; }"},
            {"exists", "if exists [\"From\", \"X-Num\"] { discard; }"},
            {"header casemap", "if header :is \"x-virus-status\" \"CLEAN\" { discard; }"},
            {"header octet", "if header :comparator \"i;octet\" :is \"X-Virus-Status\" \"CLEAN\" { discard; }"},
            {"encoded word", "require \"fileinto\"; if header :contains \"subject\" \"nöw\" { fileinto \"U\"; }"},
            {"matches", "require \"fileinto\"; if header :matches \"Subject\" \"[*] *\" { fileinto \"M\"; }"},
            {"address domain", "require \"fileinto\"; if address :domain :is \"from\" \"good.example\" "
                    + "{ fileinto \"D\"; }"},
            {"address localpart cc", "require \"fileinto\"; if address :localpart :is \"cc\" \"third\" "
                    + "{ fileinto \"L\"; }"},
            {"subaddress detail", "require [\"subaddress\", \"fileinto\"]; if address :detail \"to\" \"lists\" "
                    + "{ fileinto \"Lists\"; }"},
            {"envelope from", "require [\"envelope\", \"fileinto\"]; if envelope :is \"from\" \"sender@x.example\" "
                    + "{ fileinto \"E\"; }"},
            {"numeric", "require [\"comparator-i;ascii-numeric\", \"fileinto\"]; if header :comparator "
                    + "\"i;ascii-numeric\" :is \"X-Num\" \"042\" { fileinto \"N\"; }"},
            {"count", "require [\"relational\", \"fileinto\"]; if header :count \"ge\" \"received\" \"3\" "
                    + "{ fileinto \"C\"; }"},
            {"value", "require [\"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"]; if header :value "
                    + "\"gt\" :comparator \"i;ascii-numeric\" \"x-num\" \"9\" { fileinto \"V\"; }"},
            {"regex", "require [\"regex\", \"fileinto\"]; if header :regex \"subject\" \"^\\\\[acme-[a-z]+\\\\]\" "
                    + "{ fileinto \"R\"; }"},
            {"variables matches", "require [\"variables\", \"fileinto\"]; if header :matches \"Subject\" "
                    + "\"[*] *\" { fileinto \"lists.${1}\"; }"},
            {"variables regex", "require [\"variables\", \"fileinto\", \"regex\"]; if header :regex \"from\" "
                    + "\"<([a-z]+)@\" { set :upperfirst \"who\" \"${1}\"; fileinto \"${who}\"; }"},
            {"set length", "require [\"variables\", \"fileinto\"]; set :length \"n\" \"abcd\"; fileinto \"${n}\";"},
            {"imap4flags implicit keep", "require \"imap4flags\"; setflag \"\\\\Seen\"; addflag \"$Junk\";"},
            {"imap4flags fileinto", "require [\"imap4flags\", \"fileinto\"]; fileinto :flags \"\\\\Flagged\" \"F\";"},
            {"copy", "require [\"copy\", \"fileinto\"]; fileinto :copy \"A\";"},
            {"redirect", "redirect \"x@y.example\";"},
            {"redirect copy", "require \"copy\"; redirect :copy \"x@y.example\";"},
            {"redirect twice", "redirect \"x@y.example\"; redirect \"x@y.example\";"},
            {"reject", "require \"reject\"; reject \"go away\";"},
            {"vacation", "require \"vacation\"; vacation :days 3 \"away\";"},
            {"body", "require [\"body\", \"fileinto\"]; if body :contains \"secret\" { fileinto \"B\"; }"},
            {"body raw", "require [\"body\", \"fileinto\"]; if body :raw :contains \"AAAA\" { fileinto \"B\"; }"},
            {"date", "require [\"date\", \"fileinto\"]; if date :originalzone \"date\" \"year\" \"2016\" "
                    + "{ fileinto \"Y\"; }"},
            {"index", "require [\"index\", \"fileinto\"]; if header :index 2 :is \"received\" \"b\" "
                    + "{ fileinto \"I\"; }"},
            {"foreverypart", "require [\"foreverypart\", \"mime\", \"fileinto\"]; foreverypart { if header :mime "
                    + ":subtype \"content-type\" \"pdf\" { fileinto \"PDF\"; break; } }"},
            {"mime anychild param", "require [\"mime\", \"fileinto\"]; if header :mime :anychild :param \"name\" "
                    + ":is \"content-type\" \"x.pdf\" { fileinto \"P\"; }"},
            {"encoded-character", "require [\"encoded-character\", \"fileinto\"]; fileinto \"${hex:53 70 61 6d}\";"},
            {"ihave", "require [\"ihave\", \"fileinto\"]; if ihave \"fileinto\" { fileinto \"H\"; }"},
            {"anyof allof not", "if anyof (false, allof (true, not exists \"X-Nope\")) { discard; }"},
            {"elsif", "require \"fileinto\"; if false { discard; } elsif header :contains \"subject\" \"acme\" "
                    + "{ fileinto \"S\"; } else { discard; }"},
            {"unknown command", "fileinto \"x\";"},
            {"unknown capability", "require \"nope\";"},
            {"unknown test", "if frobnicate { keep; }"},
            {"missing semicolon", "keep"},
            {"require late", "keep;\nrequire \"fileinto\";"},
            {"string is octet by default", "require \"variables\"; if string :is \"Value\" \"value\" { discard; }"},
            {"multiline dot", "require [\"variables\", \"fileinto\"]; set \"t\" text:\n.a\n..b\n.\n;\n"
                    + "if string :is \"${t}\" \".a\\r\\n.b\\r\\n\" { discard; }"},
        };
        String[][] errors = {
            {"unclosed block", "if true {\n keep;\n"},
            {"unterminated string", "if header :is \"a\" \"b {\n keep; }"},
            {"unknown tag", "if header :bogus \"a\" \"b\" { keep; }"},
            {"duplicate tag", "require \"copy\"; redirect :copy :copy \"a@b.example\";"},
            {"elsif alone", "elsif true { keep; }"},
            {"size without tag", "if size 10 { keep; }"},
            {"numeric not required", "if header :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }"},
            {"too many positionals", "keep \"x\";"},
            {"missing block", "if true;"},
            {"too few positionals", "if header \"a\" { keep; }"},
            {"bad regex", "require \"regex\"; if header :regex \"s\" \"(a\" { keep; }"},
            {"bad character", "$"},
            {"list for string", "require \"fileinto\"; fileinto [\"a\", \"b\"];"},
            {"command as test", "if keep { stop; }"},
            {"else alone", "if true { keep; } keep; else { discard; }"},
            {"duplicate match type", "if header :is :contains \"a\" \"b\" { keep; }"},
            {"bad variable name", "require \"variables\"; set \"a b\" \"c\";"},
            {"stray brace", "keep; }"},
            {"anyof single", "if anyof true { keep; }"},
            {"not list", "if not (true, false) { keep; }"},
            {"block on stop", "stop {  }"},
            {"if without test", "if { keep; }"},
            {"keep with test", "keep true;"},
            {"unknown test", "if frob { keep; }"},
            {"comparator without value", "if header :comparator { keep; }"},
            {"bad relation", "require \"relational\"; if header :count \"xx\" \"a\" \"1\" { keep; }"},
            {"string for number", "if size :over \"x\" { keep; }"},
            {"require number", "require 1;"},
            {"days string", "require \"vacation\"; vacation :days \"x\" \"r\";"},
            {"duplicate address part", "if address :all :localpart \"from\" \"a\" { keep; }"},
            {"duplicate comparator", "if header :comparator \"i;octet\" :comparator \"i;octet\" \"a\" \"b\" "
                    + "{ keep; }"},
            {"number for folder", "require \"fileinto\"; fileinto 1;"},
            {"number for keys", "if header :contains \"a\" 1 { keep; }"},
            {"copy not required", "require [\"fileinto\"]; fileinto :copy \"x\";"},
            {"redirect two args", "redirect \"a@b.example\" \"c\";"},
            {"empty test list", "if anyof () { keep; }"},
            {"list without comma", "if header :is \"a\" [\"b\" \"c\"] { keep; }"},
            {"unterminated comment", "/* unterminated"},
            {"text: garbage", "text: x"},
            {"variable starting with digit", "require \"variables\"; set \"1a\" \"b\";"},
            {"numeric contains", "require \"comparator-i;ascii-numeric\"; if header :contains :comparator "
                    + "\"i;ascii-numeric\" \"a\" \"b\" {keep;}"},
        };
        for (String[] e : errors) c.add(new String[] {"error: " + e[0], e[1], "PLAIN"});
        for (String[] s : scripts) {
            for (String m : List.of("PLAIN", "SPAM", "MULTI")) c.add(new String[] {s[0] + " " + m, s[1], m});
        }
        return c.stream().map(a -> Arguments.of(a[0], a[1], a[2]));
    }

    static String message(String name) {
        return switch (name) {
            case "SPAM" -> SPAM;
            case "MULTI" -> MULTI;
            default -> PLAIN;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOutcomeAsPigeonhole(String name, String script, String messageName) throws Exception {
        String message = message(messageName);
        assertThat(loft(script, message)).as(script).isEqualTo(pigeonhole(script, message));
    }

    static List<String> loft(String script, String message) {
        CompileResult r = new SieveCompiler(SieveExtensions.defaults(), 0).compile(script);
        if (r instanceof CompileResult.Failed f) return List.of("error: " + f.errors().get(0));
        SieveResult result;
        try {
            result = Interpreter.run(((CompileResult.Compiled) r).script(),
                    SieveMail.of(message.getBytes(StandardCharsets.UTF_8)),
                    RunEnvironment.simple("sender@x.example", "jsmith+lists@example.com"));
        } catch (SieveRuntimeException e) {
            return List.of("runtime error");
        }
        Set<String> out = new LinkedHashSet<>();
        for (SieveAction a : result.all()) {
            out.add(switch (a) {
                case SieveAction.Keep k -> "store:INBOX" + flags(k.flags());
                case SieveAction.FileInto f -> "store:" + f.mailbox() + flags(f.flags());
                case SieveAction.Redirect x -> "redirect:" + x.address();
                case SieveAction.Discard d -> "discard";
                case SieveAction.Reject x -> "reject:" + x.reason();
                case SieveAction.Vacation v -> "vacation";
                case SieveAction.Notify n -> "notify";
            });
        }
        return List.copyOf(out);
    }

    static String flags(Set<String> flags) {
        if (flags.isEmpty()) return "";
        Set<String> lower = new TreeSet<>();
        for (String f : flags) lower.add(f.toLowerCase(Locale.ROOT));
        return " " + lower;
    }

    static List<String> pigeonhole(String script, String message) throws Exception {
        Path s = Files.createTempFile(work, "t", ".sieve");
        Path m = Files.createTempFile(work, "m", ".eml");
        Files.writeString(s, script, StandardCharsets.UTF_8);
        Files.writeString(m, message, StandardCharsets.UTF_8);
        for (Path p : List.of(s, m)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> cmd = new ArrayList<>(List.of(sieveTest.toString(), "-O", "-o",
                "mail_location=maildir:" + work.resolve("md")));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-o", "mail_uid=nobody", "-o", "mail_gid=nogroup"));
        }
        cmd.addAll(List.of("-f", "sender@x.example", "-r", "jsmith+lists@example.com", s.toString(), m.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", sieveTest.getParent().getParent().resolve("lib/dovecot").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String prefix = s.getFileName().toString().replace(".sieve", "") + ": ";
        Set<String> actions = new LinkedHashSet<>();
        String last = null;
        for (String line : out.split("\n")) {
            if (line.startsWith(prefix + "line ")) return List.of("error: " + line.substring(prefix.length()));
            if (line.contains("final result: failed") || line.contains("Error: ")) return List.of("runtime error");
            String t = line.strip();
            if (t.startsWith("* store message in folder: ")) {
                last = "store:" + t.substring("* store message in folder: ".length());
                actions.add(last);
            } else if (t.startsWith("+ add IMAP flags: ") && last != null) {
                actions.remove(last);
                Set<String> lower = new TreeSet<>();
                for (String f : t.substring("+ add IMAP flags: ".length()).split(" ")) {
                    lower.add(f.toLowerCase(Locale.ROOT));
                }
                last = last + " " + lower;
                actions.add(last);
            } else if (t.startsWith("* redirect message to: <")) {
                actions.add("redirect:" + t.substring("* redirect message to: <".length(), t.length() - 1));
                last = null;
            } else if (t.equals("* discard")) {
                actions.add("discard");
            } else if (t.startsWith("* reject message with reason: ")) {
                actions.add("reject:" + t.substring("* reject message with reason: ".length()));
            } else if (t.startsWith("* send vacation message")) {
                actions.add("vacation");
            } else if (t.startsWith("* send notification")) {
                actions.add("notify");
            }
        }
        // Loft lists the implicit keep last; move Pigeonhole's discard (performed) before it likewise
        return List.copyOf(actions);
    }
}
