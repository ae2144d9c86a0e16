package org.loftmail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison table (Loft, Dovecot, ratio) and the results file with the machine and versions. */
final class Report {

    private final Map<String, Figure> loft = new LinkedHashMap<>();
    private final Map<String, Figure> dovecot = new LinkedHashMap<>();

    void add(String server, List<Figure> figures) {
        Map<String, Figure> target = server.equals("Loft") ? loft : dovecot;
        for (Figure f : figures) {
            target.put(f.scenario() + " | " + f.name(), f);
        }
    }

    /** Ratio Loft/Dovecot, oriented so that above 1.0 always means Loft did better. */
    static double advantage(Figure l, Figure d) {
        if (l.value() == 0 && d.value() == 0) {
            return 1.0;
        }
        return l.higherIsBetter() ? l.value() / d.value() : d.value() / l.value();
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | figure | Loft | Dovecot | Loft advantage |\n|---|---|---:|---:|---:|\n");
        List<String> keys = new ArrayList<>(loft.keySet());
        dovecot.keySet().stream().filter(k -> !loft.containsKey(k)).forEach(keys::add);
        for (String key : keys) {
            Figure l = loft.get(key);
            Figure d = dovecot.get(key);
            Figure any = l != null ? l : d;
            sb.append("| ").append(any.scenario()).append(" | ").append(any.name()).append(" | ")
                    .append(format(l)).append(" | ").append(format(d)).append(" | ")
                    .append(l != null && d != null && !any.name().equals("errors")
                            ? String.format(Locale.ROOT, "%.2f×", advantage(l, d)) : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String format(Figure f) {
        if (f == null) {
            return "—";
        }
        String v = Math.abs(f.value()) >= 100 || f.value() == Math.rint(f.value())
                ? String.format(Locale.ROOT, "%.0f", f.value())
                : String.format(Locale.ROOT, "%.2f", f.value());
        return f.unit().isEmpty() ? v : v + " " + f.unit();
    }

    Path write(Path dir, String command, BenchPlan plan) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = dir.resolve(stamp + ".md");
        String text = "# Loft vs Dovecot — " + stamp + "\n\n"
                + "Command: `" + command + "`\n\n"
                + "Machine: " + machine() + "\n\n"
                + "Plan: " + plan + "\n\n"
                + "Ratios read \"Loft advantage\": above 1.00× Loft did better (more per second, or less time/memory).\n\n"
                + table();
        Files.writeString(file, text);
        return file;
    }

    static String machine() throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + (memKb / 1048576) + " GiB, Linux " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + ", Dovecot " + output("/usr/sbin/dovecot", "--version");
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }
}
