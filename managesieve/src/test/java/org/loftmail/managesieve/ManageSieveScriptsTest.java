package org.loftmail.managesieve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.testkit.ConversationRunner;
import org.loftmail.testkit.ConversationScript;

/**
 * Runs every {@code src/test/resources/scripts/*.managesieve} against a real server. A script's
 * {@code # settings: key=value …} lines choose sieve_quota_max_scripts, sieve_quota_max_storage,
 * sieve_max_script_size, managesieve_max_compile_errors, ssl=required, mail_max_userip_connections and
 * disable_plaintext_auth; {@code ! file PATH TEXT}
 * writes a file under the server's root (a home is {@code jsmith/}), {@code ! expect-file PATH TEXT} and
 * {@code ! expect-link PATH TARGET} check what is on disk.
 */
class ManageSieveScriptsTest {

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        Path dir = Path.of("src/test/resources/scripts");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.toString().endsWith(".managesieve")).sorted().toList();
        }
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> run(p)));
    }

    private static void run(Path script) throws Exception {
        String text = Files.readString(script);
        Map<String, String> o = settingsOf(text);
        Path dir = Files.createTempDirectory("managesieve-script");
        ManageSieveSettings settings = ManageSieveSettings.defaults()
                .withMaxCompileErrors(Long.parseLong(o.getOrDefault("managesieve_max_compile_errors", "5")))
                .withSslRequired("required".equals(o.get("ssl")))
                .withMaxUserIpConnections(Integer.parseInt(o.getOrDefault("mail_max_userip_connections", "10")));
        SieveStoreSettings store = SieveStoreSettings.DEFAULTS.withQuota(
                Long.parseLong(o.getOrDefault("sieve_quota_max_scripts", "0")),
                Long.parseLong(o.getOrDefault("sieve_quota_max_storage", "0")),
                Long.parseLong(o.getOrDefault("sieve_max_script_size", "1048576")));
        if (o.containsKey("sieve")) store = store.withSieve(o.get("sieve"));
        try (ManageSieveTestServer server = new ManageSieveTestServer(dir, settings, store,
                !"no".equals(o.getOrDefault("disable_plaintext_auth", "no")))) {
            ConversationRunner runner = new ConversationRunner(session -> server.connect())
                    .readTimeoutMillis(5_000)
                    .variable("longline", "X".repeat(70_000))
                    .actions((action, vars) -> perform(server, action));
            runner.run(ConversationScript.parse(script.getFileName().toString(), text));
        } finally {
            deleteTree(dir);
        }
    }

    private static void perform(ManageSieveTestServer server, String action) throws Exception {
        String[] w = action.trim().split("\\s+", 3);
        Path path = server.root.resolve(w[1]);
        String arg = w.length > 2 ? w[2].replace("\\n", "\n") : "";
        switch (w[0]) {
            case "file" -> {
                Files.createDirectories(path.getParent());
                Files.writeString(path, arg);
            }
            case "expect-file" -> {
                String actual = Files.readString(path);
                if (!actual.equals(arg)) throw new AssertionError(w[1] + " holds <" + actual + ">, not <" + arg + ">");
            }
            case "expect-link" -> {
                String target = Files.readSymbolicLink(path).toString();
                if (!target.equals(arg)) throw new AssertionError(w[1] + " points to " + target + ", not " + arg);
            }
            case "expect-missing" -> {
                if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new AssertionError(w[1] + " exists");
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

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
