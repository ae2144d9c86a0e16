package org.loftmail.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./loft bench [--quick] [--only loft|dovecot] [--scenario big,imap,pop3,lmtp,idle,login] [--keep]} (or
 * {@code ./loft bench jmh} for the microbenchmarks): runs every scenario (or the named ones, e.g. one alone
 * while profiling) against Loft, then against
 * Debian's Dovecot (installed when missing), both loading one generated configuration file and one data set,
 * on loopback only, and prints the figures with the ratio. Writes bench/results/DATE.md.
 */
public final class BenchMain {

    /** Scenario names for {@code --scenario}, in the order they run. */
    private static final List<String> SCENARIOS = List.of("big", "imap", "pop3", "lmtp", "idle", "login");

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
        int bigMessages = 0;
        Set<String> chosen = new LinkedHashSet<>(SCENARIOS);
        Path repo = Path.of(".").toAbsolutePath().normalize();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--only" -> only = args[++i];
                case "--big-messages" -> {
                    // the big scenario at another size, e.g. the full plan's 100,000 messages in a quick run
                    bigMessages = Integer.parseInt(args[++i]);
                    if (bigMessages < 1) {
                        System.err.println("--big-messages needs a positive message count");
                        System.exit(64);
                    }
                }
                case "--scenario" -> {
                    chosen = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!SCENARIOS.containsAll(chosen)) {
                        System.err.println("scenarios are " + String.join(",", SCENARIOS));
                        System.exit(64);
                    }
                }
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath().normalize();
                default -> {
                    System.err.println("usage: loft bench [--quick] [--only loft|dovecot] [--scenario "
                            + String.join(",", SCENARIOS) + "] [--big-messages N] [--keep]");
                    System.exit(64);
                }
            }
        }
        BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        if (bigMessages > 0) {
            plan = plan.withBigMailboxMessages(bigMessages);
        }
        String command = "./loft bench" + (quick ? " --quick" : "") + (only.isEmpty() ? "" : " --only " + only)
                + (chosen.size() == SCENARIOS.size() ? "" : " --scenario " + String.join(",", chosen))
                + (bigMessages > 0 ? " --big-messages " + bigMessages : "");
        BenchEnvironment env = new BenchEnvironment(Path.of("/var/tmp/loft-bench"), plan);
        Report report = new Report();
        try {
            env.prepare(BenchMain::say, !only.equals("loft"));
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
                    if (chosen.contains("big")) run(name, "big mailbox", report, scenarios::bigMailbox);
                    if (chosen.contains("imap")) run(name, "IMAP mixed load", report, scenarios::imapMixed);
                    if (chosen.contains("pop3")) run(name, "POP3 download", report, scenarios::pop3Download);
                    if (chosen.contains("lmtp")) run(name, "LMTP delivery", report, scenarios::lmtpDelivery);
                    if (chosen.contains("idle")) run(name, "IDLE cost", report, scenarios::idleCost);
                    if (chosen.contains("login")) run(name, "login rate", report, scenarios::loginRate);
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
