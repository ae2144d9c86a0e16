package org.loftmail.server;

import java.io.PrintStream;
import org.loftmail.admin.AdminCli;

/** {@code loft adm …}: the admin CLI, doveadm's grammar. */
final class Admin {

    private Admin() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return AdminCli.run(args, out, err);
    }
}
