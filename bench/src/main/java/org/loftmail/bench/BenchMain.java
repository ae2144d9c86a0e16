package org.loftmail.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./loft bench [--quick] [--only loft|dovecot] [--keep]} (or {@code ./loft bench jmh} for the
 * microbenchmarks): runs every scenario against Loft, then against
 * Debian's Dovecot (installed when missing), both loading one generated configuration file and one data set,
 * on loopback only, and prints the figures with the ratio. Writes bench/results/DATE.md.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        int jmh = java.util.Arrays.asList(args).indexOf("jmh");
        if (jmh >= 0) {
            // ./loft bench jmh [JMH options]: the microbenchmarks of the hot paths
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, jmh + 1, args.length));
            return;
        }
        boolean quick = false;
        boolean keep = false;
        String only = "";
        Path repo = Path.of(".").toAbsolutePath().normalize();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--only" -> only = args[++i];
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath().normalize();
                default -> {
                    System.err.println("usage: loft bench [--quick] [--only loft|dovecot] [--keep]");
                    System.exit(64);
                }
            }
        }
        BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        String command = "./loft bench" + (quick ? " --quick" : "") + (only.isEmpty() ? "" : " --only " + only);
        BenchEnvironment env = new BenchEnvironment(Path.of("/var/tmp/loft-bench"), plan);
        Report report = new Report();
        try {
            env.prepare(BenchMain::say);
            List<String> servers = new ArrayList<>();
            if (!only.equals("dovecot")) {
                servers.add("Loft");
            }
            if (!only.equals("loft")) {
                servers.add("Dovecot");
            }
            for (String name : servers) {
                env.freshMail();
                Path log = env.work.resolve(name.toLowerCase() + ".out");
                try (ServerUnderTest server = name.equals("Loft")
                        ? ServerUnderTest.loft(repo, env.config, log, "512m")
                        : ServerUnderTest.dovecot(env.config, log)) {
                    say("starting " + name);
                    server.start(BenchEnvironment.IMAP_PORT);
                    Scenarios scenarios = new Scenarios(plan, server);
                    say(name + ": warming up (IMAP mix, figures discarded)");
                    scenarios.warmUp();
                    run(name, "big mailbox", report, scenarios::bigMailbox);
                    run(name, "IMAP mixed load", report, scenarios::imapMixed);
                    run(name, "POP3 download", report, scenarios::pop3Download);
                    run(name, "LMTP delivery", report, scenarios::lmtpDelivery);
                    run(name, "IDLE cost", report, scenarios::idleCost);
                    run(name, "login rate", report, scenarios::loginRate);
                }
            }
        } finally {
            if (!keep) {
                env.close();
            }
        }
        System.out.println();
        System.out.println(report.table());
        Path file = report.write(repo.resolve("bench/results"), command, plan);
        say("results written to " + repo.relativize(file));
    }

    private interface ScenarioRun {
        List<Figure> run() throws Exception;
    }

    private static void run(String server, String name, Report report, ScenarioRun scenario) {
        say(server + ": " + name);
        try {
            List<Figure> figures = scenario.run();
            figures.forEach(f -> say(String.format("  %-40s %.2f %s", f.name(), f.value(), f.unit())));
            report.add(server, figures);
        } catch (Exception e) {
            say("  failed: " + e);
            report.add(server, List.of(new Figure(name, "failed", 1, "", false)));
        }
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
        System.out.flush();
    }
}
