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
import org.loftmail.server.MaildirTestBackend;

/**
 * Maildirs that Dovecot wrote and served over POP3 (src/test/resources/dovecot-pop3-fixture, and
 * dovecot-pop3-saved-uidls whose uidlist carries the UIDLs Dovecot saved): Loft must give the same STAT, LIST and
 * UIDL answers as Dovecot did, so clients switching servers download nothing again, and must save UIDLs into the
 * uidlist as Dovecot does.
 */
class UidlFixtureTest {

    private static final List<Path> FIXTURES = List.of(Path.of("src/test/resources/dovecot-pop3-fixture"),
            Path.of("src/test/resources/dovecot-pop3-saved-uidls"));

    @TestFactory
    Stream<DynamicTest> sameAnswersAsDovecot() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fixture : FIXTURES) {
            Expected expected = Expected.read(fixture.resolve("expected.txt"));
            for (Map.Entry<String, List<String>> e : expected.uidls().entrySet()) {
                tests.add(DynamicTest.dynamicTest(fixture.getFileName() + ": " + e.getKey(),
                        () -> check(fixture, e.getKey(), expected, e.getValue())));
            }
        }
        return tests.stream();
    }

    private static void check(Path fixture, String setting, Expected expected, List<String> uidls) throws Exception {
        Path dir = Files.createTempDirectory("pop3-fixture");
        try {
            copyTree(fixture.resolve("Maildir"), dir.resolve("jsmith/Maildir"));
            Files.createDirectories(dir.resolve("jsmith/Maildir/new"));
            Files.createDirectories(dir.resolve("jsmith/Maildir/tmp"));
            try (Pop3TestServer server = new Pop3TestServer(dir, settingsFor(setting), false, MaildirTestBackend.MAILDIR);
                    Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
                assertThat(c.command("STAT")).isEqualTo("+OK " + expected.stat());
                Pop3Client.expectOk(c.command("LIST"));
                assertThat(c.readMultiline()).isEqualTo(expected.list());
                Pop3Client.expectOk(c.command("UIDL"));
                assertThat(c.readMultiline()).as(setting).isEqualTo(uidls);
                assertThat(c.command("QUIT")).isEqualTo("+OK Logging out.");
            }
            List<String> after = expected.after().getOrDefault(setting, List.of());
            if (!after.isEmpty()) {
                assertThat(Files.readAllLines(dir.resolve("jsmith/Maildir/dovecot-uidlist"))).as("uidlist after " + setting)
                        .containsAll(after);
            }
        } finally {
            Pop3ScriptsTest.deleteTree(dir);
        }
    }

    /** "key=value key=value…" */
    private static Pop3Settings settingsFor(String setting) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String kv : setting.split(" ")) {
            int eq = kv.indexOf('=');
            o.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return Pop3ScriptsTest.settings(o);
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

    private record Expected(String stat, List<String> list, Map<String, List<String>> uidls,
            Map<String, List<String>> after) {
        static Expected read(Path file) throws Exception {
            String stat = null;
            List<String> list = new ArrayList<>();
            Map<String, List<String>> uidls = new LinkedHashMap<>();
            Map<String, List<String>> after = new LinkedHashMap<>();
            List<String> current = null;
            String setting = null;
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
                    setting = line.substring(7);
                    uidls.put(setting, current);
                } else if (line.startsWith("after ")) {
                    after.computeIfAbsent(setting, k -> new ArrayList<>()).add(line.substring(6));
                } else {
                    current.add(line);
                }
            }
            return new Expected(stat, list, uidls, after);
        }
    }
}
