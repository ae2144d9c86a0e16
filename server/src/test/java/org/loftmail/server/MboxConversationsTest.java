package org.loftmail.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.ImapConversations;
import org.loftmail.pop3.Pop3ScriptsTest;

/**
 * The IMAP and POP3 conversation scripts on mbox (as {@link MaildirConversationsTest} runs them on Maildir), but
 * those that need what the mbox format cannot hold — as with Dovecot's mbox:
 */
class MboxConversationsTest {

    /** Script → why mbox cannot pass it (the same answers Dovecot gives on mbox). */
    static final Map<String, String> NOT_ON_MBOX = Map.of(
            "10-mailboxes.imap", "CREATE Work after Work/Projects: an mbox is a file or a folder of folders, never both",
            "90-imap4rev2.imap", "CREATE Bücher/Романы under the mailbox Bücher: the same",
            "30-append.imap", "APPENDs a message without the empty line after its header; mbox needs one and adds it",
            "86-append-literal8.imap", "the same: a 5-byte message with no header/body separator",
            "94-dovecot-differences.imap", "CREATE Parent/Child under the mailbox Parent: a file cannot hold children");

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @TestFactory
    Stream<? extends DynamicNode> imapScripts() {
        return new ImapConversations(Path.of("../imap/src/test/resources"), dir, servers::add).on(MboxTestBackend.MBOX)
                .filter(n -> !NOT_ON_MBOX.containsKey(n.getDisplayName()));
    }

    @TestFactory
    Stream<DynamicTest> pop3Scripts() throws Exception {
        return Pop3ScriptsTest.on(MboxTestBackend.MBOX, Path.of("../pop3/src/test/resources/scripts"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) s.close();
    }
}
