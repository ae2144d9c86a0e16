package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.loftmail.testkit.ConversationRunner;
import org.loftmail.testkit.ConversationScript;

/**
 * Runs every {@code src/test/resources/scripts/*.submission} against a real submission server. A script's
 * {@code # settings: key=value …} lines choose: {@code relay=scripted|none} (a {@link ScriptedRelay}, or local
 * delivery to alice@loft.test and bob@loft.test), {@code disable_plaintext_auth}, {@code max_mail_size},
 * {@code max_recipients}, {@code workarounds} (comma-separated), {@code idle} (seconds), {@code xclient}
 * (trusted relay offering XCLIENT). Actions: {@code ! relay-rcpt ADDR CODE TEXT…} sets the relay's RCPT reply for
 * an address, {@code ! relay-data CODE TEXT…} its reply to the data, {@code ! relayed N} checks how many messages
 * the relay took, {@code ! relayed-to N ADDR…} the recipients of the Nth (1-based), {@code ! relayed-has N TEXT}
 * that it contains TEXT ({@code \r\n} for CRLF), {@code ! relay-saw TEXT} that a relay command line contained TEXT,
 * {@code ! delivered ADDR N} the local INBOX count.
 */
class SubmissionScriptsTest {

    private static final Path SCRIPTS = Path.of("src/test/resources/scripts");

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            scripts = files.filter(p -> p.toString().endsWith(".submission")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> run(p)));
    }

    private static void run(Path script) throws Exception {
        String text = Files.readString(script);
        Map<String, String> o = settingsOf(text);
        Path dir = Files.createTempDirectory("submission-script");
        MemoryDelivery local = new MemoryDelivery(Set.of("alice@loft.test", "bob@loft.test"));
        try (ScriptedRelay relay = new ScriptedRelay()) {
            SubmissionSettings settings = "none".equals(o.get("relay"))
                    ? SubmissionSettings.defaults("mx.loft.test", dir)
                    : SubmissionTestServer.relayingTo(dir, relay.port());
            if (o.containsKey("xclient")) {
                relay.offerXclient = true;
                settings = settings.withRelay(new org.loftmail.submission.relay.RelayTarget(
                        settings.relay().connection(), true, settings.relay().maxIdle()));
            }
            settings = settings.withLimits(Long.parseLong(o.getOrDefault("max_mail_size", "0")),
                    Integer.parseInt(o.getOrDefault("max_recipients", "0")), settings.maxLineLength());
            if (o.containsKey("idle")) {
                Duration idle = Duration.ofSeconds(Long.parseLong(o.get("idle")));
                settings = settings.withTimeouts(idle, idle);
            }
            if (o.containsKey("workarounds")) {
                EnumSet<SubmissionSettings.Workaround> w = EnumSet.noneOf(SubmissionSettings.Workaround.class);
                for (String name : o.get("workarounds").split(",")) {
                    w.add(SubmissionSettings.Workaround.parse(name));
                }
                settings = settings.withWorkarounds(w);
            }
            try (SubmissionTestServer server = new SubmissionTestServer(dir, settings, local,
                    !"no".equals(o.getOrDefault("disable_plaintext_auth", "yes")))) {
                ConversationRunner runner = new ConversationRunner(session -> server.connect())
                        .readTimeoutMillis(10_000)
                        .variable("plainJsmith", base64("\0jsmith\0secret"))
                        .variable("plainAlice", base64("\0alice\0wonder"))
                        .variable("plainWrong", base64("\0jsmith\0wrong"))
                        .variable("megabyte", "X".repeat(1 << 20))
                        .variable("lf", "\n")
                        .variable("kilobyte", "Y".repeat(1000))
                        .actions((action, vars) -> perform(relay, local, action));
                runner.run(ConversationScript.parse(script.getFileName().toString(), text));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void perform(ScriptedRelay relay, MemoryDelivery local, String action) throws Exception {
        String[] w = action.trim().split("\\s+", 3);
        switch (w[0]) {
            case "relay-rcpt" -> relay.rcptReplies.put(w[1], w[2]);
            case "relay-data" -> relay.dataReply = w[1] + (w.length > 2 ? " " + w[2] : "");
            case "relayed" -> waitFor(() -> relay.received.size() == Integer.parseInt(w[1]),
                    () -> "relayed " + relay.received.size() + " messages, not " + w[1]);
            case "relayed-to" -> assertThat(relay.received.get(Integer.parseInt(w[1]) - 1).to())
                    .containsExactly(w[2].split("\\s+"));
            case "relayed-has" -> assertThat(relay.received.get(Integer.parseInt(w[1]) - 1).data())
                    .contains(w[2].replace("\\r\\n", "\r\n").replace("\\t", "\t"));
            case "relay-saw" -> waitFor(() -> relay.commands.stream().anyMatch(c -> c.contains(action.trim()
                    .substring("relay-saw ".length()))), () -> "relay commands: " + relay.commands);
            case "delivered" -> assertThat(local.inbox.getOrDefault(w[1], List.of())).hasSize(Integer.parseInt(w[2]));
            case "fail-local" -> local.failing.add(w[1]);
            default -> throw new IllegalArgumentException("unknown action: " + action);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> why)
            throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(why.get());
            }
            Thread.sleep(20);
        }
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Map<String, String> settingsOf(String script) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String line : script.split("\n")) {
            if (line.startsWith("# settings:")) {
                for (String pair : line.substring("# settings:".length()).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    options.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return options;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
