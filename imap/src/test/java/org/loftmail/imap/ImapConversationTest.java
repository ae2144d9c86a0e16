package org.loftmail.imap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.testkit.storage.TestBackend;

/**
 * Runs every {@code src/test/resources/scripts/*.imap} conversation (see {@link ImapConversations}) on the testkit's
 * memory backend; server's {@code MaildirConversationsTest} runs the same scripts on Maildir.
 */
class ImapConversationTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @TestFactory
    Stream<? extends DynamicNode> scripts() {
        return new ImapConversations(Path.of("src/test/resources"), dir, servers::add).on(TestBackend.MEMORY);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) s.close();
    }
}
