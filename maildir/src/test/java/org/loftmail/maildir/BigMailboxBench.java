package org.loftmail.maildir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * Not a test: a rough timer for a big Maildir (issue 8 will carry the real harness). Run with
 * {@code java -cp <test class path> org.loftmail.maildir.BigMailboxBench <dir> [messages]}; it writes the
 * Maildir once (files and a dovecot-uidlist, as Dovecot would have left them), then times a cold open in a
 * fresh provider (which builds the index), an open from the index, warm SELECT + FLAGS of every message, header
 * SEARCH and FETCH (ENVELOPE BODYSTRUCTURE) of every message.
 */
public final class BigMailboxBench {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path md = home.resolve("Maildir");
        if (!Files.exists(md.resolve("dovecot-uidlist"))) {
            Files.createDirectories(md.resolve("cur"));
            Files.createDirectories(md.resolve("new"));
            Files.createDirectories(md.resolve("tmp"));
            StringBuilder uidlist = new StringBuilder("3 V1700000000 N" + (n + 1) + " G0123456789abcdef0123456789abcdef\n");
            byte[] body = "Subject: bench\nFrom: a@example.com\n\nhello\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= n; i++) {
                String base = "1700000000.M" + i + "P1.bench,S=" + body.length + ",W=" + (body.length + 4);
                Files.write(md.resolve("cur").resolve(base + ":2," + (i % 3 == 0 ? "S" : "")), body);
                uidlist.append(i).append(" :").append(base).append('\n');
            }
            Files.writeString(md.resolve("dovecot-uidlist"), uidlist);
            System.out.println("wrote " + n + " messages; run again after 2 s for the warm figures");
        }
        time("cold open (scan + index write)", () -> status(home));
        Thread.sleep(2100);
        time("cold open (scan, stamps settled)", () -> status(home));
        time("open from index, new process state", () -> status(home));
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage s = provider.open(StorageUser.of("bench", home, "maildir:~/Maildir"));
        time("first SELECT in this provider", () -> select(s));
        for (int i = 0; i < 3; i++) time("warm SELECT + FETCH 1:* (FLAGS)", () -> select(s));
        time("warm STATUS", () -> System.out.println("  " + s.mailbox(MailboxName.INBOX).status()));
        time("200 deliveries (fsynced) into it", () -> {
            for (int i = 0; i < 200; i++) {
                s.mailbox(MailboxName.INBOX).append(new java.io.ByteArrayInputStream(("Subject: d" + i + "\n\nx\n").getBytes()),
                        org.loftmail.core.storage.AppendRequest.DEFAULT);
            }
        });
        time("SELECT after the deliveries (one rescan)", () -> select(s));
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            org.loftmail.core.storage.search.SearchKey subject = new org.loftmail.core.storage.search.SearchKey.Header("Subject", "needle");
            for (int i = 0; i < 3; i++) time("SEARCH HEADER SUBJECT", () -> v.search(subject));
            time("FETCH 1:* (ENVELOPE BODYSTRUCTURE), first", () -> fetchStructure(v));
            time("FETCH 1:* (ENVELOPE BODYSTRUCTURE), again", () -> fetchStructure(v));
            time("100 × (STORE one message, then sync)", () -> {
                for (int i = 0; i < 100; i++) {
                    v.store(org.loftmail.core.mail.UidSet.of(v.uid(1 + i)), org.loftmail.core.mail.FlagChange.ADD,
                            org.loftmail.core.mail.Flags.of(org.loftmail.core.mail.SystemFlag.FLAGGED), java.util.OptionalLong.empty());
                    v.sync(true);
                }
            });
            time("100 × sync with nothing changed", () -> {
                for (int i = 0; i < 100; i++) v.sync(true);
            });
        }
        // The machine may be shared: the figures below are this thread's CPU time (the index is written on the
        // calling thread), as the median and mean of many runs, and a mean over a fixed stretch for amortised costs.
        System.out.println("-- repeated (this thread's CPU time)");
        repeat("warm SELECT", 31, () -> selectOnly(s));
        repeat("warm SELECT + FETCH 1:* (FLAGS)", 31, () -> select(s));
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            repeat("warm FETCH 1:* (ENVELOPE BODYSTRUCTURE)", 11, () -> fetchStructure(v));
            org.loftmail.core.storage.search.SearchKey subject = new org.loftmail.core.storage.search.SearchKey.Header("Subject", "needle");
            repeat("warm SEARCH HEADER SUBJECT", 11, () -> v.search(subject));
            org.loftmail.core.storage.search.SearchKey from = new org.loftmail.core.storage.search.SearchKey.Header("From", "needle");
            repeat("warm SEARCH HEADER FROM", 11, () -> v.search(from));
        }
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            int[] next = {0};
            repeat("STORE one flag (no sync)", 201, () -> toggleOne(v, next));
            repeat("STORE one flag, then sync", 31, () -> {
                toggleOne(v, next);
                v.sync(true);
            });
            stretch("STORE one flag, then sync, for 15 s", 15_000, () -> {
                toggleOne(v, next);
                v.sync(true);
            });
        }
        provider.close();
    }

    /** Sets \Flagged on the next message, or clears it on the second pass through the mailbox. */
    private static void toggleOne(SelectedMailbox v, int[] next) throws Exception {
        int seq = next[0] % v.count() + 1;
        var change = (next[0] / v.count()) % 2 == 0 ? org.loftmail.core.mail.FlagChange.ADD : org.loftmail.core.mail.FlagChange.REMOVE;
        next[0]++;
        v.store(org.loftmail.core.mail.UidSet.of(v.uid(seq)), change,
                org.loftmail.core.mail.Flags.of(org.loftmail.core.mail.SystemFlag.FLAGGED), java.util.OptionalLong.empty());
    }

    private static void selectOnly(MailStorage s) throws Exception {
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            if (v.count() < 0) throw new IllegalStateException();
        }
    }

    private static void repeat(String what, int runs, Step step) throws Exception {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long c = mx.getCurrentThreadCpuTime();
            step.run();
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
            wall[i] = (System.nanoTime() - t) / 1e6;
        }
        double mean = java.util.Arrays.stream(cpu).average().orElse(0);
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(wall);
        System.out.printf("%-40s cpu median %8.3f ms  mean %8.3f ms  (wall median %8.3f ms, %d runs)%n", what, cpu[runs / 2],
                mean, wall[runs / 2], runs);
    }

    private static void stretch(String what, long millis, Step step) throws Exception {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = System.currentTimeMillis() + millis;
        long c = mx.getCurrentThreadCpuTime();
        int ops = 0;
        while (System.currentTimeMillis() < end) {
            step.run();
            ops++;
        }
        System.out.printf("%-40s cpu %8.3f ms/op over %d ops%n", what, (mx.getCurrentThreadCpuTime() - c) / 1e6 / ops, ops);
    }

    private static void status(Path home) throws Exception {
        MailStorage s = new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("bench", home, "maildir:~/Maildir"));
        MailboxStatus st = s.mailbox(MailboxName.INBOX).status();
        System.out.println("  messages=" + st.messages() + " scans=" + ((MaildirMailbox) s.mailbox(MailboxName.INBOX)).state().scans);
    }

    private static void select(MailStorage s) throws Exception {
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            long seen = 0;
            for (int i = 1; i <= v.count(); i++) if (!v.record(i).flags().isEmpty()) seen++;
            if (seen < 0) throw new IllegalStateException();
        }
    }

    /** What FETCH n (ENVELOPE BODYSTRUCTURE) computes for every message, from the parsed message data. */
    private static void fetchStructure(SelectedMailbox v) throws Exception {
        long bytes = 0;
        for (int i = 1; i <= v.count(); i++) {
            org.loftmail.core.mime.MessageSummary m = v.structure(v.uid(i));
            bytes += m.envelopeBytes().length + m.bodyStructureBytes().length;
        }
        if (bytes < 0) throw new IllegalStateException();
    }

    interface Step {
        void run() throws Exception;
    }

    private static void time(String what, Step step) throws Exception {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t = System.nanoTime();
        long cpu = mx.getCurrentThreadCpuTime();
        step.run();
        System.out.printf("%-40s %8.1f ms wall %8.1f ms cpu%n", what, (System.nanoTime() - t) / 1e6, (mx.getCurrentThreadCpuTime() - cpu) / 1e6);
    }
}
