package org.loftmail.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.testkit.ConversationRunner;

/**
 * Runs every {@code src/test/resources/scripts/*.imap} conversation against a fresh server, once per storage backend.
 * Actions: {@code ! deliver USER MAILBOX SUBJECT} appends a small message through the storage API;
 * {@code ! deliver-file USER MAILBOX FILE} appends {@code src/test/resources/messages/FILE}. Variable {@code ${nul}} is
 * a NUL byte, for literal8 data.
 */
class ImapConversationTest {

    @TempDir
    Path dir;

    private final List<ImapTestServer> servers = new ArrayList<>();

    @TestFactory
    Stream<DynamicContainer> scripts() {
        return Stream.of(StorageBackend.values()).map(backend -> DynamicContainer.dynamicContainer(backend.name(),
                ConversationRunner.tests(Path.of("src/test/resources/scripts"), ".imap", () -> runner(backend))));
    }

    private ConversationRunner runner(StorageBackend backend) {
        try {
            Path root = Files.createTempDirectory(dir, "server");
            ImapSettings settings = ImapSettings.defaults().withAppendLimit(10_000)
                    .withIdleIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30)).withMaxUserIpConnections(3)
                    .withMaxLineLength(8192);
            ImapTestServer server = new ImapTestServer(root, settings, true, backend);
            servers.add(server);
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

    private static void act(ImapTestServer server, String action, Map<String, String> vars) throws Exception {
        String[] w = action.split(" ", 4);
        switch (w[0]) {
            case "deliver" -> server.deliver(w[1], w[2], "From: sender@example.org\r\nTo: " + w[1]
                    + "@example.org\r\nSubject: " + w[3] + "\r\nMessage-ID: <" + System.nanoTime() + "@example.org>\r\n\r\nHello " + w[1] + "\r\n");
            case "deliver-file" -> server.deliver(w[1], w[2],
                    Files.readString(Path.of("src/test/resources/messages").resolve(w[3]), StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (ImapTestServer s : servers) s.close();
    }
}
