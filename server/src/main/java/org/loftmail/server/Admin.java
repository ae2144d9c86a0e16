package org.loftmail.server;

import java.io.PrintStream;

/** {@code loft adm …}: the admin CLI, doveadm's grammar. */
final class Admin {

    private Admin() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("loft adm: the admin CLI is not in this build yet");
        return 69;
    }
}
