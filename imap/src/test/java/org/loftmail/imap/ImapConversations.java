package org.loftmail.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.loftmail.testkit.ConversationRunner;
import org.loftmail.testkit.storage.TestBackend;

/**
 * The IMAP conversation scripts ({@code scripts/*.imap} under a test resources directory) as dynamic tests on one
 * storage backend, each against a fresh server. Actions: {@code ! deliver USER MAILBOX SUBJECT} appends a small
 * message through the storage API; {@code ! deliver-file USER MAILBOX FILE} appends {@code messages/FILE}.
 * Variable {@code ${nul}} is a NUL byte, for literal8 data. Used by this module on the memory backend and by
 * server's tests on Maildir.
 */
public final class ImapConversations {

    private final Path resources;
    private final Path workDir;
    private final Consumer<AutoCloseable> closeAfterTest;

    /**
     * @param resources imap's {@code src/test/resources}
     * @param closeAfterTest receives each server started, to close after the test
     */
    public ImapConversations(Path resources, Path workDir, Consumer<AutoCloseable> closeAfterTest) {
        this.resources = resources;
        this.workDir = workDir;
        this.closeAfterTest = closeAfterTest;
    }

    public Stream<? extends DynamicNode> on(TestBackend backend) {
        return ConversationRunner.tests(resources.resolve("scripts"), ".imap", () -> runner(backend));
    }

    private ConversationRunner runner(TestBackend backend) {
        try {
            Path root = Files.createTempDirectory(workDir, "server");
            ImapSettings settings = ImapSettings.defaults().withAppendLimit(10_000)
                    .withIdleIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30)).withMaxUserIpConnections(3)
                    .withMaxLineLength(8192);
            ImapTestServer server = new ImapTestServer(root, settings, true, backend);
            closeAfterTest.accept(server);
            return new ConversationRunner(name -> name.startsWith("remote") ? server.connectFromOtherAddress() : server.connect())
                    .readTimeoutMillis(5000)
                    .variable("big", "x".repeat(20000))
                    .variable("nul", "\0")
                    .variable("toolong", "a LIST " + "x".repeat(9000))
                    .actions((action, vars) -> act(server, action, vars));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void act(ImapTestServer server, String action, Map<String, String> vars) throws Exception {
        String[] w = action.split(" ", 4);
        switch (w[0]) {
            case "deliver" -> server.deliver(w[1], w[2], "From: sender@example.org\r\nTo: " + w[1]
                    + "@example.org\r\nSubject: " + w[3] + "\r\nMessage-ID: <" + System.nanoTime() + "@example.org>\r\n\r\nHello " + w[1] + "\r\n");
            case "deliver-file" -> server.deliver(w[1], w[2],
                    Files.readString(resources.resolve("messages").resolve(w[3]), StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
