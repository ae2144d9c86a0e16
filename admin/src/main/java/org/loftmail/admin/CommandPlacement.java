package org.loftmail.admin;

import java.util.Set;

/**
 * Where each top-level command runs. Mail commands go to the running server over its admin socket when one
 * answers (so its caches, locks and IDLE sessions see the change at once) and open the storage directly
 * otherwise; server commands need the server; the rest (config, pw, auth, user) always run here.
 */
public final class CommandPlacement {

    /** Commands that work on users' mail: in the server when it runs, else directly. */
    public static final Set<String> MAIL = Set.of("mailbox", "search", "fetch", "expunge", "move", "copy", "flags",
            "save", "index", "force-resync", "quota", "sieve", "import", "backup", "deduplicate");

    /** Commands about the running server itself. */
    public static final Set<String> SERVER_ONLY = Set.of("who", "kick", "reload", "stop", "log", "stats", "process");

    /** Commands that read standard input, which the client forwards ("command subcommand" or "command"). */
    public static final Set<String> READS_STDIN = Set.of("save", "sieve put");

    /** Mail commands that read the client's files, so they run in the client even when a server runs. */
    public static final Set<String> READS_CLIENT_FILES = Set.of("sieve check");

    private CommandPlacement() {}

    /** Whether {@code command subcommand} reads standard input. */
    public static boolean readsStdin(String command, String subcommand) {
        return READS_STDIN.contains(command) || READS_STDIN.contains(command + " " + subcommand);
    }

    /** Whether the server may run this command for a client of its admin socket. */
    public static boolean runsInServer(String command) {
        return MAIL.contains(command) || SERVER_ONLY.contains(command);
    }
}
