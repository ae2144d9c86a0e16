package org.loftmail.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.ImapConversations;
import org.loftmail.pop3.Pop3ScriptsTest;

/**
 * The IMAP and POP3 conversation scripts on Maildir: the protocol modules run them on the testkit's memory
 * backend and depend on no backend, so each real backend runs them here (mbox adds its {@code TestBackend} the
 * same way). lmtp's scripts on Maildir are in {@code org.loftmail.lmtp.MaildirLmtpConversationTest}.
 */
class MaildirConversationsTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @TestFactory
    Stream<? extends DynamicNode> imapScripts() {
        return new ImapConversations(Path.of("../imap/src/test/resources"), dir, servers::add).on(MaildirTestBackend.MAILDIR);
    }

    @TestFactory
    Stream<DynamicTest> pop3Scripts() throws Exception {
        return Pop3ScriptsTest.on(MaildirTestBackend.MAILDIR, Path.of("../pop3/src/test/resources/scripts"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) s.close();
    }
}
