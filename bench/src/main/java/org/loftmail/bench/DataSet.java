package org.loftmail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The mail both servers start from: Maildirs with every message in new/ and no index or uidlist, so each server
 * builds its own state from the same files. Deterministic: a fixed seed per mailbox.
 */
final class DataSet {

    static final String NEEDLE = "Quarterly needle report";

    private DataSet() {}

    static void generate(Path root, BenchPlan plan) throws IOException {
        for (String user : plan.imapUsers()) {
            mailbox(root.resolve(user), plan.messagesPerImapUser(), user.hashCode(), plan.maxMessageSize(), false);
        }
        for (String user : plan.pop3Users()) {
            mailbox(root.resolve(user), plan.messagesPerPop3User(), user.hashCode(), plan.maxMessageSize(), false);
        }
        for (String user : plan.lmtpUsers()) {
            mailbox(root.resolve(user), 0, 0, 0, false);
        }
        for (String user : plan.idleUsers()) {
            mailbox(root.resolve(user), 5, user.hashCode(), 20_000, false);
        }
        mailbox(root.resolve("big"), plan.bigMailboxMessages(), 42, 0, true);
    }

    private static void mailbox(Path dir, int count, long seed, long maxSize, boolean small) throws IOException {
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        MessageFactory factory = new MessageFactory(seed);
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < count; i++) {
            byte[] message = small ? factory.small(i == count / 2 ? NEEDLE : null) : factory.next(maxSize);
            Path file = dir.resolve("new").resolve((base + i) + ".M" + i + "P1.bench");
            Files.write(file, message);
            Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(base + i * 60L)));
        }
    }
}
