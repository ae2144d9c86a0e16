package org.loftmail.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which configuration {@code adm} reads when no {@code -c} is given: the one a running server recorded in its
 * base_dir ({@link #RECORD}, written at start, removed at stop), the documented default path, and only then the
 * record of a server that has stopped (so a stopped demo's mail can still be administered directly). Records are
 * looked for in the base_dirs this machine is known to use: the {@code ./loft} demo's and the defaults.
 */
public final class ConfigLocator {

    /** The file a server writes into its base_dir: {@code config=<absolute path>} and {@code pid=<pid>} lines. */
    public static final String RECORD = "loft-config";

    /** Where {@code adm} found its configuration, and how, for messages. */
    public record Choice(Path file, String how) {}

    /** No file could be chosen; the message says what was tried. */
    public static final class NotFound extends Exception {
        public NotFound(String message) {
            super(message);
        }
    }

    private final List<Path> baseDirs;
    private final Path defaultPath;

    public ConfigLocator(List<Path> baseDirs, Path defaultPath) {
        this.baseDirs = List.copyOf(baseDirs);
        this.defaultPath = defaultPath;
    }

    /**
     * The base_dirs to look in: {@code $LOFT_HOME/var/run} (the demo, when run through {@code ./loft}), Loft's
     * shipped {@code /run/loft} and Dovecot's default {@code /var/run/dovecot}.
     */
    public static ConfigLocator standard(Path defaultPath) {
        List<Path> dirs = new ArrayList<>();
        String home = System.getenv("LOFT_HOME");
        if (home != null && !home.isEmpty()) {
            dirs.add(Path.of(home, "var", "run"));
        }
        dirs.add(Path.of("/run/loft"));
        dirs.add(Path.of("/var/run/dovecot"));
        return new ConfigLocator(dirs, defaultPath);
    }

    public Choice locate(Path explicit) throws NotFound {
        if (explicit != null) {
            return new Choice(explicit, "-c");
        }
        List<Record> records = new ArrayList<>();
        for (Path dir : baseDirs) {
            read(dir).ifPresent(records::add);
        }
        for (Record r : records) {
            if (r.running() && Files.isRegularFile(r.config())) {
                return new Choice(r.config(), "the running server's (recorded in " + r.at() + ")");
            }
        }
        if (Files.exists(defaultPath)) {
            return new Choice(defaultPath, "the default path");
        }
        for (Record r : records) {
            if (Files.isRegularFile(r.config())) {
                return new Choice(r.config(), "the last server's (recorded in " + r.at() + "; it is not running)");
            }
        }
        StringBuilder tried = new StringBuilder();
        for (Path dir : baseDirs) {
            tried.append(tried.isEmpty() ? "" : ", ").append(dir.resolve(RECORD));
        }
        throw new NotFound("no configuration file: " + defaultPath + " does not exist and no server recorded one ("
                + tried + "); give one with -c FILE");
    }

    /** The base_dir of a running server that recorded itself, if any (its socket is there). */
    public Optional<Path> runningBaseDir() {
        for (Path dir : baseDirs) {
            Optional<Record> r = read(dir);
            if (r.isPresent() && r.get().running()) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private record Record(Path at, Path config, boolean running) {}

    private static Optional<Record> read(Path baseDir) {
        Path file = baseDir.resolve(RECORD);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Path config = null;
        long pid = -1;
        for (String line : lines) {
            if (line.startsWith("config=") && line.length() > 7) {
                config = Path.of(line.substring(7));
            } else if (line.startsWith("pid=")) {
                try {
                    pid = Long.parseLong(line.substring(4).strip());
                } catch (NumberFormatException e) {
                    pid = -1;
                }
            }
        }
        if (config == null || !config.isAbsolute()) {
            return Optional.empty();
        }
        long p = pid;
        boolean running = p > 0 && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        return Optional.of(new Record(file, config, running));
    }

    /** The record's text for a server whose configuration is {@code config}. */
    public static String record(Path config, long pid) {
        return "config=" + config.toAbsolutePath().normalize() + "\npid=" + pid + "\n";
    }
}
