package org.loftmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpAndCompletionTest {

    private static void walk(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(c -> walk(c, out));
    }

    @Test
    void everyCommandsHelpHasAnExample() {
        List<CommandLine> all = new ArrayList<>();
        walk(AdminCli.commandLine(AdminEnvironment.configOnly(Path.of("/nonexistent"))), all);
        assertThat(all).hasSizeGreaterThan(40);
        List<String> missing = all.stream().filter(c -> !c.getUsageMessage().contains("Example:"))
                .map(c -> c.getCommandSpec().qualifiedName(" ")).toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void completionScriptNamesTheCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"completion"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Path.of("/nonexistent"));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("complete -F").contains("mailbox").contains("sieve");
    }
}
