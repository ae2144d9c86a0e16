package org.loftmail.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and memory of a server and every process below it, read from /proc. CPU counts the children that
 * already exited (their times are in the parent's cutime/cstime), so Dovecot's short-lived processes are not
 * missed. Memory is the proportional set size (PSS), so pages shared between Dovecot's processes count once.
 */
final class ProcessTree {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final long root;

    ProcessTree(long root) {
        this.root = root;
    }

    List<Long> pids() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                long[] stat = stat(p);
                if (stat != null) {
                    children.computeIfAbsent(stat[0], k -> new ArrayList<>()).add(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> out = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            out.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return out;
    }

    /** User + system CPU seconds of the tree, including exited children of the root. */
    double cpuSeconds() {
        double ticks = 0;
        for (long pid : pids()) {
            long[] stat = stat(Path.of("/proc", String.valueOf(pid)));
            if (stat != null) {
                ticks += stat[1] + stat[2] + (pid == root ? stat[3] + stat[4] : 0);
            }
        }
        return ticks / TICKS;
    }

    /** The tree's proportional set size in bytes. */
    long pssBytes() {
        long total = 0;
        for (long pid : pids()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process exited meanwhile
            }
        }
        return total;
    }

    int processCount() {
        return pids().size();
    }

    /** ppid, utime, stime, cutime, cstime — or null when the process is gone. */
    private static long[] stat(Path procDir) {
        try {
            String s = Files.readString(procDir.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
