package org.loftmail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;

/**
 * Table-driven checks that a module reports each bad setting at its own line (docs/adr/0103). A module's test
 * writes a configuration in which every setting it checks has a good value on a line of its own; each row
 * replaces one of those lines with a bad value, binds, and expects a {@link ConfigException} at exactly that
 * line with the row's message, never at a neighbour's line.
 */
public final class SettingErrorTable {

    /**
     * One row.
     *
     * @param line    the good line to replace, exactly as written in the configuration (without indentation)
     * @param bad     what replaces it (indentation is kept)
     * @param message text the error must contain
     */
    public record Row(String line, String bad, String message) {}

    private final Path dir;
    private final String goodConfig;
    private final Consumer<LoftConfig> bind;
    private final List<Row> rows = new ArrayList<>();

    private SettingErrorTable(Path dir, String goodConfig, Consumer<LoftConfig> bind) {
        this.dir = dir;
        this.goodConfig = goodConfig;
        this.bind = bind;
    }

    /** A table over {@code goodConfig}, bound with {@code bind} (which must accept the good configuration). */
    public static SettingErrorTable of(Path dir, String goodConfig, Consumer<LoftConfig> bind) {
        return new SettingErrorTable(dir, goodConfig, bind);
    }

    public SettingErrorTable row(String line, String bad, String message) {
        rows.add(new Row(line, bad, message));
        return this;
    }

    /** The good configuration binds, then one dynamic test per row. */
    public Stream<DynamicTest> tests() {
        DynamicTest good = DynamicTest.dynamicTest("the good configuration binds",
                () -> bind.accept(LoftConfig.load(write("good.conf", goodConfig))));
        Stream<DynamicTest> each = rows.stream().map(row -> DynamicTest.dynamicTest(row.line() + " -> " + row.bad(),
                () -> check(row)));
        return Stream.concat(Stream.of(good), each);
    }

    private void check(Row row) {
        String[] lines = goodConfig.split("\n", -1);
        int at = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(row.line())) {
                assertThat(at).as("'%s' must appear once in the good configuration", row.line()).isEqualTo(-1);
                at = i;
            }
        }
        assertThat(at).as("'%s' is not a line of the good configuration", row.line()).isNotNegative();
        String indent = lines[at].substring(0, lines[at].indexOf(row.line()));
        lines[at] = indent + row.bad();
        Path file = write("case" + rows.indexOf(row) + ".conf", String.join("\n", lines));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind.accept(LoftConfig.load(file)));
        assertThat(e).as("binding %s", row.bad()).isNotNull();
        assertThat(e.location().file()).as(e.getMessage()).isEqualTo(file);
        assertThat(e.location().line()).as(e.getMessage()).isEqualTo(at + 1);
        assertThat(e.getMessage()).contains(row.message());
    }

    private Path write(String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
