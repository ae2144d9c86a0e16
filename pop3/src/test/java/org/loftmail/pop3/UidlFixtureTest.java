package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A Maildir that Dovecot wrote and served over POP3 (src/test/resources/dovecot-pop3-fixture): Loft must give the
 * same STAT, LIST and UIDL answers as Dovecot did, so clients switching servers download nothing again.
 */
class UidlFixtureTest {

    private static final Path FIXTURE = Path.of("src/test/resources/dovecot-pop3-fixture");

    @TestFactory
    Stream<DynamicTest> sameAnswersAsDovecot() throws Exception {
        Expected expected = Expected.read(FIXTURE.resolve("expected.txt"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.uidls().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), expected, e.getValue())));
        }
        return tests.stream();
    }

    private static void check(String setting, Expected expected, List<String> uidls) throws Exception {
        Path dir = Files.createTempDirectory("pop3-fixture");
        try {
            copyTree(FIXTURE.resolve("Maildir"), dir.resolve("jsmith/Maildir"));
            Files.createDirectories(dir.resolve("jsmith/Maildir/new"));
            Files.createDirectories(dir.resolve("jsmith/Maildir/tmp"));
            try (Pop3TestServer server = new Pop3TestServer(dir, settingsFor(setting), false);
                    Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
                assertThat(c.command("STAT")).isEqualTo("+OK " + expected.stat());
                Pop3Client.expectOk(c.command("LIST"));
                assertThat(c.readMultiline()).isEqualTo(expected.list());
                Pop3Client.expectOk(c.command("UIDL"));
                assertThat(c.readMultiline()).as(setting).isEqualTo(uidls);
                assertThat(c.command("QUIT")).isEqualTo("+OK Logging out.");
            }
        } finally {
            Pop3ScriptsTest.deleteTree(dir);
        }
    }

    private static Pop3Settings settingsFor(String setting) {
        int eq = setting.indexOf('=');
        return Pop3ScriptsTest.settings(Map.of(setting.substring(0, eq), setting.substring(eq + 1)));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private record Expected(String stat, List<String> list, Map<String, List<String>> uidls) {
        static Expected read(Path file) throws Exception {
            String stat = null;
            List<String> list = new ArrayList<>();
            Map<String, List<String>> uidls = new LinkedHashMap<>();
            List<String> current = null;
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("stat ")) {
                    stat = line.substring(5);
                } else if (line.startsWith("list ")) {
                    list.add(line.substring(5));
                } else if (line.startsWith("format ")) {
                    current = new ArrayList<>();
                    uidls.put(line.substring(7), current);
                } else {
                    current.add(line);
                }
            }
            return new Expected(stat, list, uidls);
        }
    }
}
