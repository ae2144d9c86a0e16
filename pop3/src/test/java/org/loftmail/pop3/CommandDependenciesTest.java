package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Commands receive a {@link Pop3Context}, never the session: nothing a command can reach names the session or the
 * command table, so the old cycle Pop3Session → CommandTable → login/* → Pop3Session cannot come back. The
 * transaction commands do not use the login package either.
 */
class CommandDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/loftmail/pop3");

    @Test
    void commandsAndWhatTheySeeNeverNameTheSessionOrTheTable() throws IOException {
        List<Path> files = new ArrayList<>();
        files.addAll(javaFiles(SOURCES.resolve("command")));
        files.addAll(javaFiles(SOURCES.resolve("login")));
        for (String contextType : List.of("Pop3Context", "Pop3Command", "Pop3State", "LoginState")) {
            files.add(SOURCES.resolve(contextType + ".java"));
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            String code = Files.readString(file);
            assertThat(code).as(file.toString()).doesNotContainPattern("\\bPop3Session\\b")
                    .doesNotContainPattern("\\bCommandTable\\b");
        }
    }

    @Test
    void transactionCommandsDoNotUseTheLoginPackage() throws IOException {
        for (Path file : javaFiles(SOURCES.resolve("command"))) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("org.loftmail.pop3.login");
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
