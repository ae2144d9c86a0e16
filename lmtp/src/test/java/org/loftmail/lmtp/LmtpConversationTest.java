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
 * Runs src/test/resources/scripts/*.lmtp, each against a fresh LMTP service with users alice, bob (over quota) and
 * dave. Actions: {@code ! count USER MAILBOX N}, {@code ! contains USER MAILBOX INDEX TEXT} (TEXT with \r\n escapes).
 */
class LmtpConversationTest {

    private static final List<LmtpFixture> FIXTURES = new ArrayList<>();

    @AfterAll
    static void stopAll() {
        FIXTURES.forEach(LmtpFixture::close);
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        Path dir = Path.of(getClass().getResource("/scripts").toURI());
        return ConversationRunner.tests(dir, ".lmtp", () -> {
            try {
                LmtpFixture fixture = new LmtpFixture(Files.createTempDirectory("loft-lmtp-test"));
                FIXTURES.add(fixture);
                fixture.start();
                fixture.storage.quotaBytes.put("bob", 10L);
                return new ConversationRunner(session -> new Socket("127.0.0.1", fixture.port()))
                        .actions((action, vars) -> perform(fixture, action));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void perform(LmtpFixture fixture, String action) {
        String[] words = action.split(" ", 5);
        switch (words[0]) {
            case "count" -> assertThat(fixture.storage.messages(words[1], words[2]))
                    .as("%s's %s", words[1], words[2]).hasSize(Integer.parseInt(words[3]));
            case "contains" -> {
                String text = words[4].replace("\\r", "\r").replace("\\n", "\n");
                assertThat(fixture.storage.messages(words[1], words[2]).get(Integer.parseInt(words[3]) - 1).text())
                        .contains(text);
            }
            default -> throw new IllegalArgumentException("unknown action: " + action);
        }
    }
}
