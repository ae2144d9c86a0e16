package org.loftmail.admin.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.storage.MailStorageException;
import picocli.CommandLine.Option;

/** The options every mail command takes: whose mail ({@code -u}, {@code -A}, {@code -F}) and where ({@code -S}). */
public final class UserOptions {

    @Option(names = "-u", paramLabel = "USER", description = "The user whose mail to work on.")
    String user;

    @Option(names = "-A", description = "Every user the userdbs can list (passwd-file, passwd, SQL iterate_query).")
    boolean all;

    @Option(names = "-F", paramLabel = "FILE", description = "Users listed in a file, one per line.")
    Path file;

    @Option(names = "-S", paramLabel = "SOCKET",
            description = "The running server's admin socket (default: base_dir/loft-admin when it answers).")
    Path socket;

    /** Whether the output gets the Username column (with -A and -F, as doveadm prints it). */
    boolean manyUsers() {
        return all || file != null;
    }

    /** Whether -A or -F was given (commands that take one user refuse them). */
    public boolean manyUsersGiven() {
        return manyUsers();
    }

    /** A usage problem with the options, or null. */
    String problem() {
        int given = (user != null ? 1 : 0) + (all ? 1 : 0) + (file != null ? 1 : 0);
        if (given == 0) {
            return "no user given: use -u USER, -A or -F FILE";
        }
        if (given > 1) {
            return "-u, -A and -F exclude each other";
        }
        return null;
    }

    List<String> users(MailUsers users) throws MailStorageException, IOException {
        if (user != null) {
            return List.of(user);
        }
        if (all) {
            return users.iterate();
        }
        List<String> list = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String name = line.split("\t", 2)[0].strip();
            if (!name.isEmpty()) {
                list.add(name);
            }
        }
        return list;
    }
}
