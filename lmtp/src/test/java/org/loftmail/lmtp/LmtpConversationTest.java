package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.loftmail.testkit.ConversationRunner;

/**
 * Runs src/test/resources/scripts/*.lmtp on the in-memory double (server's MaildirLmtpConversationTest runs them on
 * real Maildir behind the real AuthService, with {@link #runner}). Users alice, bob (over quota for any message of 1K or more) and dave. Actions:
 * {@code ! count USER MAILBOX N} and {@code ! contains USER MAILBOX TEXT} (some message contains TEXT; \r\n escapes,
 * compared with line ends normalised since Maildir stores LF).
 */
class LmtpConversationTest {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    /** What a script's actions ask about a backend. */
    interface Mailboxes {
        List<String> messages(String user, String mailbox) throws Exception;
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : OPEN.reversed()) {
            c.close();
        }
    }

    private static Path scripts() throws Exception {
        return Path.of(LmtpConversationTest.class.getResource("/scripts").toURI());
    }

    @TestFactory
    Stream<DynamicTest> onMemoryStorage() throws Exception {
        return ConversationRunner.tests(scripts(), ".lmtp", () -> {
            try {
                Path temp = Files.createTempDirectory("loft-lmtp-test");
                OPEN.add(() -> deleteTree(temp));
                LmtpFixture fixture = new LmtpFixture(temp);
                OPEN.add(fixture);
                fixture.start();
                fixture.storage.quota("bob", 10);
                return runner(fixture.port(), (user, mailbox) ->
                        fixture.storage.messages(user, mailbox).stream().map(MemoryStorage.Saved::text).toList());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static ConversationRunner runner(int port, Mailboxes mailboxes) {
        return new ConversationRunner(session -> new Socket("127.0.0.1", port))
                .actions((action, vars) -> perform(mailboxes, action));
    }

    private static void perform(Mailboxes mailboxes, String action) throws Exception {
        String[] words = action.split(" ", 4);
        List<String> messages = mailboxes.messages(words[1], words[2]);
        switch (words[0]) {
            case "count" -> assertThat(messages).as("%s's %s", words[1], words[2])
                    .hasSize(Integer.parseInt(words[3]));
            case "contains" -> {
                String text = words[3].replace("\\r", "").replace("\\n", "\n");
                assertThat(messages.stream().map(m -> m.replace("\r", "")))
                        .as("%s's %s", words[1], words[2]).anyMatch(m -> m.contains(text));
            }
            default -> throw new IllegalArgumentException("unknown action: " + action);
        }
    }
}
