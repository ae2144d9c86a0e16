package org.loftmail.admin.mail;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.loftmail.admin.print.Printer;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.Namespace;

/** What a mail command works with for one user: the storage, the output, and name conversion. */
public final class MailContext {

    private final String user;
    private final MailStorage storage;
    private final Printer printer;
    private final boolean userColumn;
    private final PrintWriter err;
    private final InputStream stdin;
    private final MailUsers users;
    private final PrintWriter out;

    MailContext(String user, MailStorage storage, Printer printer, boolean userColumn, PrintWriter err,
            InputStream stdin, MailUsers users, PrintWriter out) {
        this.users = users;
        this.out = out;
        this.user = user;
        this.storage = storage;
        this.printer = printer;
        this.userColumn = userColumn;
        this.err = err;
        this.stdin = stdin;
    }

    public String user() {
        return user;
    }

    public MailStorage storage() {
        return storage;
    }

    /** The same user and output over another storage (import's source). */
    public MailContext withStorage(MailStorage other) {
        return new MailContext(user, other, printer, userColumn, err, stdin, users, out);
    }

    /** How this command opens users' mail (for the user's Sieve scripts). */
    public MailUsers users() {
        return users;
    }

    /** Standard output, for commands that print raw content (sieve get) rather than rows. */
    public PrintWriter out() {
        return out;
    }

    public InputStream stdin() {
        return stdin;
    }

    /** Starts an output row (with the user's name first under -A and -F). */
    public Printer row() {
        if (userColumn) {
            printer.value(user);
        }
        return printer;
    }

    /** An error line in doveadm's shape: {@code doveadm(jsmith): Error: …}. */
    public void error(String message) {
        err.println("doveadm(" + user + "): Error: " + message);
        err.flush();
    }

    public void warning(String message) {
        err.println("doveadm(" + user + "): Warning: " + message);
        err.flush();
    }

    /** The namespace a name belongs to, as doveadm resolves it (the longest matching prefix). */
    public Namespace namespaceOf(String name) {
        Namespace best = null;
        for (Namespace ns : storage.namespaces()) {
            if (ns.parse(name).isPresent() && (best == null || ns.prefix().length() > best.prefix().length())) {
                best = ns;
            }
        }
        if (best == null) {
            throw new InvalidMailboxNameException("No namespace for mailbox " + name);
        }
        return best;
    }

    /** The storage's name for a mailbox name as the administrator typed it (UTF-8, with the namespace prefix). */
    public MailboxName parse(String name) {
        Optional<MailboxName> parsed = namespaceOf(name).parse(name);
        return parsed.orElseThrow(() -> new InvalidMailboxNameException("Invalid mailbox name: " + name));
    }

    /** The name as doveadm prints it, in the INBOX namespace. */
    public String format(MailboxName name) {
        return inboxNamespace().format(name);
    }

    public Namespace inboxNamespace() {
        List<Namespace> all = storage.namespaces();
        return all.stream().filter(Namespace::inbox).findFirst().orElse(all.get(0));
    }
}
