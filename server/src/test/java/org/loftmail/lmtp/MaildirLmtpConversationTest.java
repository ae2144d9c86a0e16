package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.loftmail.testkit.ConversationRunner;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/**
 * lmtp's conversation scripts on real Maildir with Maildir++ quota behind the real AuthService ({@link RealStack}):
 * each delivery must leave exactly the files the script counts, and nothing in tmp/.
 */
class MaildirLmtpConversationTest {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : OPEN.reversed()) {
            c.close();
        }
    }

    private static Path scripts() {
        return Path.of("../lmtp/src/test/resources/scripts");
    }

    @TestFactory
    Stream<DynamicTest> onMaildir() throws Exception {
        return ConversationRunner.tests(scripts(), ".lmtp", () -> {
            try {
                Path root = Files.createTempDirectory("loft-lmtp-maildir");
                OPEN.add(() -> LmtpConversationTest.deleteTree(root));
                RealStack stack = new RealStack(root);
                NetServer server = new NetServer(1);
                OPEN.add(stack);
                OPEN.add(server);
                LmtpService service = new LmtpService(LmtpSettings.defaults("mx.loft.test"),
                        stack.delivery(stack.settings().build(), "lmtp"));
                BoundListener listener = server.bind(
                        new ListenerSpec.Inet("lmtp", "lmtp", "127.0.0.1", ListenerSpec.EPHEMERAL, false), service,
                        null, ConnectionLimiter.unlimited());
                OPEN.add(listener);
                return LmtpConversationTest.runner(listener.port(), (user, mailbox) -> {
                    assertThat(mailbox).isEqualTo("INBOX");
                    List<String> texts = new ArrayList<>();
                    for (Path file : stack.inboxFiles(user)) {
                        texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                    }
                    assertThat(stack.tmpFiles(user)).isEmpty();
                    return texts;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
