package org.loftmail.pop3;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.loftmail.testkit.ConversationRunner;
import org.loftmail.testkit.ConversationScript;
import org.loftmail.testkit.storage.TestBackend;

/**
 * Runs every {@code src/test/resources/scripts/*.pop3} against a real server on the testkit's memory storage (server's
 * {@code MaildirConversationsTest} runs them on Maildir through {@link #on}). A script's
 * {@code # settings: key=value …} comment lines choose pop3_* settings and disable_plaintext_auth;
 * {@code ! deliver USER FILE} delivers {@code messages/FILE} through the storage API.
 */
public class Pop3ScriptsTest {

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        return on(TestBackend.MEMORY, Path.of("src/test/resources/scripts"));
    }

    /** The {@code *.pop3} scripts in {@code dir} as tests on one backend. */
    public static Stream<DynamicTest> on(TestBackend backend, Path dir) throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.toString().endsWith(".pop3")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(backend.name() + "/" + p.getFileName(), p.toUri(),
                () -> run(p, backend)));
    }

    private static void run(Path script, TestBackend backend) throws Exception {
        String text = Files.readString(script);
        Map<String, String> options = settingsOf(text);
        Path dir = Files.createTempDirectory("pop3-script");
        try (Pop3TestServer server = new Pop3TestServer(dir, settings(options),
                !"no".equals(options.getOrDefault("disable_plaintext_auth", "no")), backend)) {
            ConversationRunner runner = new ConversationRunner(session -> server.connect())
                    .readTimeoutMillis(5_000)
                    .variable("longline", "X".repeat(20_000))
                    .variable("crlf", "\r\n")
                    .actions((action, vars) -> perform(server, action));
            runner.run(ConversationScript.parse(script.getFileName().toString(), text));
        } finally {
            deleteTree(dir);
        }
    }

    private static void perform(Pop3TestServer server, String action) throws Exception {
        String[] words = action.trim().split("\\s+");
        switch (words[0]) {
            case "deliver" -> {
                try (InputStream in = Pop3ScriptsTest.class.getResourceAsStream("/messages/" + words[2])) {
                    if (in == null) {
                        throw new IllegalArgumentException("no message " + words[2]);
                    }
                    server.deliver(words[1], in);
                }
            }
            default -> throw new IllegalArgumentException("unknown action: " + action);
        }
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

    /** The pop3_* values a script sets, on Dovecot's defaults (a short lock wait keeps tests fast). */
    static Pop3Settings settings(Map<String, String> o) {
        Pop3Settings s = Pop3Settings.defaults().withLockSession(yes(o, "pop3_lock_session"), Duration.ofMillis(300));
        if (o.containsKey("pop3_uidl_format")) {
            s = s.withUidlFormat(o.get("pop3_uidl_format"));
        }
        s = s.withDeletion(Pop3Settings.DeleteType.valueOf(o.getOrDefault("pop3_delete_type", "default").toUpperCase()),
                o.getOrDefault("pop3_deleted_flag", ""));
        s = s.withFlags(yes(o, "pop3_no_flag_updates"), yes(o, "pop3_enable_last"));
        s = s.withUidlOptions(yes(o, "pop3_reuse_xuidl"), yes(o, "pop3_save_uidl"),
                Pop3Settings.UidlDuplicates.valueOf(o.getOrDefault("pop3_uidl_duplicates", "allow").toUpperCase()));
        if (o.containsKey("pop3_client_workarounds")) {
            Set<Pop3Settings.ClientWorkaround> w = Arrays.stream(o.get("pop3_client_workarounds").split(","))
                    .map(Pop3Settings.ClientWorkaround::parse)
                    .collect(Collectors.toSet());
            s = s.withWorkarounds(w);
        }
        return s;
    }

    private static boolean yes(Map<String, String> o, String key) {
        return "yes".equals(o.get(key));
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
