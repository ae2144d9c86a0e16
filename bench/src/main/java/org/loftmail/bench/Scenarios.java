package org.loftmail.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The six scenarios of the benchmark issue, each run against one started server. */
final class Scenarios {

    private static final int TIMEOUT = 120_000;

    private final BenchPlan plan;
    private final ServerUnderTest server;

    Scenarios(BenchPlan plan, ServerUnderTest server) {
        this.plan = plan;
        this.server = server;
    }

    private interface Worker {
        void run(int index, Latencies latencies) throws Exception;
    }

    /** Runs {@code workers} on virtual threads; returns wall seconds. A worker's failure counts as an error. */
    private static double parallel(int workers, Latencies latencies, Worker worker) throws InterruptedException {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    try {
                        worker.run(index, latencies);
                    } catch (Exception e) {
                        latencies.error();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    latencies.error();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Figure cpu(String scenario, double before) {
        return new Figure(scenario, "server CPU seconds", server.tree().cpuSeconds() - before, "s", false);
    }

    /** (5) One user, a very large INBOX: cold and warm SELECT, FETCH 1:* (FLAGS), SEARCH on a header. */
    List<Figure> bigMailbox() throws IOException {
        String s = "big mailbox (" + plan.bigMailboxMessages() + " messages)";
        List<Figure> out = new ArrayList<>();
        try (ImapClient c = new ImapClient(BenchEnvironment.IMAP_PORT, TIMEOUT * 5)) {
            check(c.login("big", BenchEnvironment.PASSWORD));
            long t = System.nanoTime();
            check(c.command("SELECT INBOX"));
            out.add(new Figure(s, "cold SELECT", ms(t), "ms", false));
            check(c.command("CLOSE"));
            double[] warm = new double[5];
            for (int i = 0; i < warm.length; i++) {
                t = System.nanoTime();
                check(c.command("SELECT INBOX"));
                warm[i] = ms(t);
            }
            out.add(new Figure(s, "warm SELECT", median(warm), "ms", false));
            double[] fetch = new double[3];
            for (int i = 0; i < fetch.length; i++) {
                t = System.nanoTime();
                ImapClient.Reply r = check(c.command("FETCH 1:* (FLAGS)"));
                fetch[i] = ms(t);
                if (r.untagged().size() < plan.bigMailboxMessages()) {
                    throw new IOException("FETCH 1:* returned " + r.untagged().size() + " lines");
                }
            }
            out.add(new Figure(s, "FETCH 1:* (FLAGS)", median(fetch), "ms", false));
            double[] search = new double[3];
            for (int i = 0; i < search.length; i++) {
                t = System.nanoTime();
                ImapClient.Reply r = check(c.command("SEARCH HEADER SUBJECT \"needle\""));
                search[i] = ms(t);
                if (r.untagged().stream().noneMatch(l -> l.startsWith("* SEARCH ") && l.length() > 9)) {
                    throw new IOException("SEARCH found nothing: " + r.untagged());
                }
            }
            out.add(new Figure(s, "SEARCH HEADER SUBJECT", median(search), "ms", false));
            c.command("LOGOUT");
        }
        return out;
    }

    /**
     * A short round of the IMAP mix whose figures are thrown away, for both servers alike: Loft's JIT compiles
     * its hot paths and both servers' page caches fill, so the scenarios measure steady state. It never touches
     * the big mailbox, whose first SELECT is measured cold.
     */
    void warmUp() throws Exception {
        imapMixed(plan.imapDuration().dividedBy(3));
    }

    /** (1) Many users and connections, a weighted mix of IMAP commands. */
    List<Figure> imapMixed() throws Exception {
        return imapMixed(plan.imapDuration());
    }

    private List<Figure> imapMixed(Duration duration) throws Exception {
        String s = "IMAP mixed load (" + plan.imapUserCount() + " connections)";
        Latencies lat = new Latencies();
        double cpu0 = server.tree().cpuSeconds();
        long deadline = System.nanoTime() + duration.toNanos();
        List<String> users = plan.imapUsers();
        MessageFactory appendFactory = new MessageFactory(7);
        byte[] appendMessage = appendFactory.small("appended by the bench");
        double wall = parallel(users.size(), lat, (i, l) -> {
            Random random = new Random(i);
            try (ImapClient c = new ImapClient(BenchEnvironment.IMAP_PORT, TIMEOUT)) {
                timed(l, () -> check(c.login(users.get(i), BenchEnvironment.PASSWORD)));
                timed(l, () -> check(c.command("SELECT INBOX")));
                int messages = plan.messagesPerImapUser();
                while (System.nanoTime() < deadline) {
                    int n = 1 + random.nextInt(messages);
                    int op = random.nextInt(100);
                    String cmd;
                    if (op < 20) {
                        cmd = "FETCH 1:* (FLAGS)";
                    } else if (op < 40) {
                        cmd = "FETCH " + n + ":" + Math.min(messages, n + 20) + " (ENVELOPE INTERNALDATE RFC822.SIZE)";
                    } else if (op < 50) {
                        cmd = "FETCH " + n + " (BODYSTRUCTURE)";
                    } else if (op < 70) {
                        cmd = "FETCH " + n + " (BODY.PEEK[])";
                    } else if (op < 80) {
                        cmd = "STORE " + n + (random.nextBoolean() ? " +FLAGS (\\Seen)" : " -FLAGS (\\Seen)");
                    } else if (op < 85) {
                        cmd = "SEARCH SUBJECT \"report\"";
                    } else if (op < 95) {
                        timed(l, () -> check(c.append("INBOX", appendMessage)));
                        continue;
                    } else {
                        // Clean up what this connection appended: UID SEARCH, flag \Deleted, EXPUNGE.
                        ImapClient.Reply found = c.command("UID SEARCH HEADER SUBJECT \"appended by the bench\"");
                        String uids = found.untagged().stream().filter(u -> u.startsWith("* SEARCH"))
                                .map(u -> u.substring(8).trim().replace(' ', ',')).findFirst().orElse("");
                        if (!uids.isEmpty()) {
                            timed(l, () -> check(c.command("UID STORE " + uids + " +FLAGS.SILENT (\\Deleted)")));
                            timed(l, () -> check(c.command("EXPUNGE")));
                        }
                        continue;
                    }
                    String command = cmd;
                    timed(l, () -> check(c.command(command)));
                }
                timed(l, () -> c.command("LOGOUT"));
            }
        });
        return List.of(
                new Figure(s, "operations/s", lat.count() / wall, "op/s", true),
                new Figure(s, "latency p50", lat.quantileMillis(0.5), "ms", false),
                new Figure(s, "latency p99", lat.quantileMillis(0.99), "ms", false),
                new Figure(s, "errors", lat.errors(), "", false),
                cpu(s, cpu0));
    }

    /** (3) Every POP3 user downloads every message. */
    List<Figure> pop3Download() throws Exception {
        String s = "POP3 download (" + plan.pop3UserCount() + " users)";
        Latencies lat = new Latencies();
        AtomicLong bytes = new AtomicLong();
        double cpu0 = server.tree().cpuSeconds();
        List<String> users = plan.pop3Users();
        double wall = parallel(users.size(), lat, (i, l) -> {
            try (Pop3Client c = new Pop3Client(BenchEnvironment.POP3_PORT, TIMEOUT)) {
                c.command("USER " + users.get(i));
                c.command("PASS " + BenchEnvironment.PASSWORD);
                String stat = c.command("STAT");
                int count = Integer.parseInt(stat.split(" ")[1]);
                c.multiline("UIDL");
                for (int m = 1; m <= count; m++) {
                    int msg = m;
                    long t = System.nanoTime();
                    bytes.addAndGet(c.multiline("RETR " + msg));
                    l.record(System.nanoTime() - t);
                }
                c.command("QUIT");
            }
        });
        return List.of(
                new Figure(s, "messages/s", lat.count() / wall, "msg/s", true),
                new Figure(s, "MB/s", bytes.get() / wall / 1e6, "MB/s", true),
                new Figure(s, "RETR latency p99", lat.quantileMillis(0.99), "ms", false),
                new Figure(s, "errors", lat.errors(), "", false),
                cpu(s, cpu0));
    }

    /** (2) LMTP deliveries of realistic sizes, one to three recipients each, over parallel connections. */
    List<Figure> lmtpDelivery() throws Exception {
        String s = "LMTP delivery (" + plan.lmtpMessages() + " messages)";
        Latencies lat = new Latencies();
        AtomicLong delivered = new AtomicLong();
        double cpu0 = server.tree().cpuSeconds();
        List<String> users = plan.lmtpUsers();
        int perConnection = plan.lmtpMessages() / plan.lmtpConnections();
        double wall = parallel(plan.lmtpConnections(), lat, (i, l) -> {
            MessageFactory factory = new MessageFactory(1000 + i);
            Random random = new Random(i);
            try (LmtpClient c = new LmtpClient(BenchEnvironment.LMTP_PORT, TIMEOUT)) {
                for (int m = 0; m < perConnection; m++) {
                    byte[] data = MessageFactory.forSmtpData(factory.next(plan.maxMessageSize()));
                    List<String> rcpts = new ArrayList<>();
                    int k = 1 + random.nextInt(3);
                    for (int r = 0; r < k; r++) {
                        rcpts.add(users.get(random.nextInt(users.size())) + "@example.com");
                    }
                    long t = System.nanoTime();
                    int ok = c.deliver("sender@example.org", rcpts.stream().distinct().toList(), data);
                    l.record(System.nanoTime() - t);
                    delivered.addAndGet(ok);
                    if (ok != rcpts.stream().distinct().count()) {
                        l.error();
                    }
                }
            }
        });
        return List.of(
                new Figure(s, "messages/s", lat.count() / wall, "msg/s", true),
                new Figure(s, "deliveries (recipients)/s", delivered.get() / wall, "rcpt/s", true),
                new Figure(s, "latency p50", lat.quantileMillis(0.5), "ms", false),
                new Figure(s, "latency p99", lat.quantileMillis(0.99), "ms", false),
                new Figure(s, "errors", lat.errors(), "", false),
                cpu(s, cpu0));
    }

    /** (4) Many connections sitting in IDLE: the server's memory per connection. */
    List<Figure> idleCost() throws Exception {
        String s = "IDLE cost (" + plan.idleConnections() + " connections)";
        List<String> users = plan.idleUsers();
        System.gc();
        Thread.sleep(2000);
        long before = server.tree().pssBytes();
        List<ImapClient> clients = new ArrayList<>();
        Latencies lat = new Latencies();
        try {
            java.util.concurrent.ConcurrentLinkedQueue<ImapClient> opened = new java.util.concurrent.ConcurrentLinkedQueue<>();
            parallel(50, lat, (w, l) -> {
                for (int i = w; i < plan.idleConnections(); i += 50) {
                    ImapClient c = new ImapClient(BenchEnvironment.IMAP_PORT, TIMEOUT);
                    opened.add(c);
                    check(c.login(users.get(i % users.size()), BenchEnvironment.PASSWORD));
                    check(c.command("SELECT INBOX"));
                    c.idle();
                    l.record(1);
                }
            });
            clients.addAll(opened);
            Thread.sleep(5000);
            long after = server.tree().pssBytes();
            int processes = server.tree().processCount();
            int idling = lat.count();
            return List.of(
                    new Figure(s, "connections in IDLE", idling, "", true),
                    new Figure(s, "memory per IDLE connection", (after - before) / (double) Math.max(1, idling) / 1024,
                            "KiB", false),
                    new Figure(s, "server memory (PSS) with all idling", after / 1048576.0, "MiB", false),
                    new Figure(s, "server processes", processes, "", false),
                    new Figure(s, "errors", lat.errors(), "", false));
        } finally {
            clients.forEach(ImapClient::close);
        }
    }

    /** (6) Fresh connections doing LOGIN (SHA512-CRYPT) and LOGOUT as fast as they can. */
    List<Figure> loginRate() throws Exception {
        String s = "login rate (SHA512-CRYPT)";
        Latencies lat = new Latencies();
        double cpu0 = server.tree().cpuSeconds();
        long deadline = System.nanoTime() + plan.loginDuration().toNanos();
        List<String> users = plan.imapUsers();
        double wall = parallel(20, lat, (i, l) -> {
            int n = 0;
            while (System.nanoTime() < deadline) {
                long t = System.nanoTime();
                try (ImapClient c = new ImapClient(BenchEnvironment.IMAP_PORT, TIMEOUT)) {
                    check(c.login(users.get((i + n++) % users.size()), BenchEnvironment.PASSWORD));
                    c.command("LOGOUT");
                }
                l.record(System.nanoTime() - t);
            }
        });
        return List.of(
                new Figure(s, "logins/s", lat.count() / wall, "login/s", true),
                new Figure(s, "login latency p99", lat.quantileMillis(0.99), "ms", false),
                new Figure(s, "errors", lat.errors(), "", false),
                cpu(s, cpu0));
    }

    private interface Op {
        void run() throws IOException;
    }

    private static void timed(Latencies l, Op op) throws IOException {
        long t = System.nanoTime();
        op.run();
        l.record(System.nanoTime() - t);
    }

    private static ImapClient.Reply check(ImapClient.Reply reply) throws IOException {
        if (!reply.ok()) {
            throw new IOException("IMAP: " + reply.status());
        }
        return reply;
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
