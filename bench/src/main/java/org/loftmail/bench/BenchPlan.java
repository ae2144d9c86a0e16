package org.loftmail.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How big each scenario is: {@link #quick()} for a check in minutes, {@link #full()} for the README's figures. */
record BenchPlan(
        int imapUserCount,
        int messagesPerImapUser,
        Duration imapDuration,
        int lmtpMessages,
        int lmtpConnections,
        int pop3UserCount,
        int messagesPerPop3User,
        int idleConnections,
        int bigMailboxMessages,
        Duration loginDuration,
        long maxMessageSize) {

    static BenchPlan quick() {
        return new BenchPlan(20, 100, Duration.ofSeconds(15), 2_000, 10, 10, 50, 1_000, 20_000, Duration.ofSeconds(10),
                1_000_000);
    }

    static BenchPlan full() {
        return new BenchPlan(50, 200, Duration.ofSeconds(60), 10_000, 10, 20, 100, 10_000, 100_000,
                Duration.ofSeconds(30), 5_000_000);
    }

    /** This plan with another size of the big mailbox ({@code --big-messages}, e.g. the full plan's 100,000 in a quick run). */
    BenchPlan withBigMailboxMessages(int n) {
        return new BenchPlan(imapUserCount, messagesPerImapUser, imapDuration, lmtpMessages, lmtpConnections, pop3UserCount,
                messagesPerPop3User, idleConnections, n, loginDuration, maxMessageSize);
    }

    List<String> imapUsers() {
        return BenchEnvironment.users("imap", imapUserCount);
    }

    List<String> pop3Users() {
        return BenchEnvironment.users("pop", pop3UserCount);
    }

    List<String> lmtpUsers() {
        return BenchEnvironment.users("lmtp", 50);
    }

    List<String> idleUsers() {
        return BenchEnvironment.users("idle", 100);
    }

    List<String> allUsers() {
        List<String> all = new ArrayList<>(imapUsers());
        all.addAll(pop3Users());
        all.addAll(lmtpUsers());
        all.addAll(idleUsers());
        all.add("big");
        return all;
    }

    String describe() {
        return imapUserCount + "×" + messagesPerImapUser + " IMAP, " + pop3UserCount + "×" + messagesPerPop3User + " POP3, "
                + bigMailboxMessages + " in the big mailbox";
    }
}
