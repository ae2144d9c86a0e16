package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph of docs/architecture.md, checked: edges point downward only, protocol modules never depend on
 * each other, storage backends never see a protocol. Both what each pom declares and what each source file imports
 * are checked, so a sideways edge fails the build whether it comes in through a pom or through a transitive
 * dependency.
 */
class ModuleDependenciesTest {

    /** Loft modules each module's main code may use (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("testkit", Set.of("core")),
            Map.entry("transport", Set.of("core")),
            Map.entry("smtp", Set.of("core", "transport")),
            Map.entry("auth", Set.of("core", "transport")),
            Map.entry("maildir", Set.of("core")),
            Map.entry("mbox", Set.of("core")),
            Map.entry("sieve", Set.of("core")),
            Map.entry("imap", Set.of("core", "auth", "transport")),
            Map.entry("pop3", Set.of("core", "auth", "transport")),
            Map.entry("lmtp", Set.of("core", "auth", "smtp", "transport")),
            Map.entry("submission", Set.of("core", "auth", "smtp", "transport")),
            Map.entry("managesieve", Set.of("core", "auth", "sieve", "transport")),
            Map.entry("admin", Set.of("core", "auth", "transport", "sieve")),
            Map.entry("server", Set.of("core", "transport", "smtp", "auth", "maildir", "mbox", "sieve", "imap",
                    "pop3", "lmtp", "submission", "managesieve", "admin")),
            Map.entry("bench", Set.of("core", "transport", "smtp", "auth", "maildir", "mbox", "sieve", "imap",
                    "pop3", "lmtp", "submission", "managesieve", "admin", "server")));

    /** What tests may use on top of their module's main allowance. */
    static final Set<String> TEST_ALLOWED = Set.of("testkit", "core");

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern LOFT_ARTIFACT = Pattern.compile("<artifactId>loft-([a-z0-9]+)</artifactId>");
    private static final Pattern TEST_SCOPE = Pattern.compile("<scope>test</scope>");
    private static final Pattern LOFT_IMPORT = Pattern.compile("^import (?:static )?org\\.loftmail\\.([a-z0-9]+)\\.",
            Pattern.MULTILINE);

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("mvnw")) ? dir : dir.getParent();
    }

    private static List<String> modules() throws IOException {
        String pom = Files.readString(root().resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([a-z0-9]+)</module>").matcher(pom);
        while (m.find()) modules.add(m.group(1));
        return modules;
    }

    @Test
    void everyModuleIsInTheTable() throws IOException {
        assertThat(ALLOWED.keySet()).containsAll(modules());
    }

    @Test
    void pomsDeclareOnlyDownwardEdges() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : modules()) {
            Matcher dep = DEPENDENCY.matcher(Files.readString(root().resolve(module).resolve("pom.xml")));
            while (dep.find()) {
                Matcher artifact = LOFT_ARTIFACT.matcher(dep.group(1));
                if (!artifact.find()) continue;
                String target = artifact.group(1);
                boolean test = TEST_SCOPE.matcher(dep.group(1)).find();
                if (!allowed(module, target, test)) {
                    wrong.add(module + " -> " + target + (test ? " (test)" : ""));
                }
            }
        }
        assertThat(wrong).as("dependencies that break the module graph in docs/architecture.md").isEmpty();
    }

    @Test
    void sourcesImportOnlyDownward() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : modules()) {
            wrong.addAll(wrongImports(module, "main", false));
            wrong.addAll(wrongImports(module, "test", true));
        }
        assertThat(wrong).as("imports that break the module graph in docs/architecture.md").isEmpty();
    }

    @Test
    void aSidewaysEdgeIsCaught() {
        assertThat(allowed("imap", "pop3", false)).isFalse();
        assertThat(allowed("maildir", "imap", true)).isFalse();
        assertThat(allowed("imap", "maildir", true)).as("protocol tests run on testkit's backend").isFalse();
        assertThat(allowed("sieve", "lmtp", false)).isFalse();
        assertThat(allowed("lmtp", "smtp", false)).isTrue();
    }

    private static boolean allowed(String module, String target, boolean test) {
        return target.equals(module)
                || ALLOWED.getOrDefault(module, Set.of()).contains(target)
                || (test && TEST_ALLOWED.contains(target));
    }

    private static List<String> wrongImports(String module, String sourceSet, boolean test) throws IOException {
        Path sources = root().resolve(module).resolve("src").resolve(sourceSet).resolve("java");
        if (!Files.isDirectory(sources)) return List.of();
        Set<String> wrong = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = LOFT_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (ALLOWED.containsKey(m.group(1)) && !allowed(module, m.group(1), test)) {
                        wrong.add(root().relativize(file) + " imports org.loftmail." + m.group(1));
                    }
                }
            }
        }
        return new ArrayList<>(wrong);
    }
}
