package org.loftmail.admin.mail;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.admin.print.Printer;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.OverQuotaException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * A doveadm mail command: runs once per user ({@code -u}, {@code -A}, {@code -F}), prints rows through the chosen
 * formatter and ends with doveadm's exit code: the first failure's (67 unknown user, 68 no such mailbox, 65 bad
 * data, 75 temporary failure), the others still run, as doveadm goes on to the next user.
 */
public abstract class MailCommand implements Callable<Integer> {

    @Spec
    protected CommandLine.Model.CommandSpec spec;

    @Mixin
    protected UserOptions who;

    /** The format doveadm prints this command in without {@code -f}. */
    protected String defaultFormat() {
        return "flow";
    }

    /** The columns, after the arguments are parsed. */
    protected abstract List<Header> headers();

    /** Checks the arguments before any user is opened; returns a usage problem, or null. */
    protected String usageProblem() {
        return null;
    }

    /**
     * A problem doveadm treats as fatal before any user is opened (it prints {@code Fatal: …} and exits 75, as for a
     * search query it cannot parse), or null.
     */
    protected String fatalProblem() {
        return null;
    }

    /** The command for one user; returns an exit code. Storage failures may be thrown. */
    protected abstract int run(MailContext ctx) throws Exception;

    @Override
    public final Integer call() {
        AdminCli root = AdminCli.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = who.problem();
        if (problem == null) {
            problem = usageProblem();
        }
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        String fatal = fatalProblem();
        if (fatal != null) {
            err.println("Fatal: " + fatal);
            return ExitCodes.TEMPFAIL;
        }
        Printer printer;
        try {
            printer = new Printer(root.formatter(defaultFormat()), out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Header> headers = new ArrayList<>();
        if (who.manyUsers()) {
            headers.add(new Header("username", "Username", true, false));
        }
        headers.addAll(headers());
        printer.headers(headers);
        Path configFile;
        try {
            configFile = root.configChoice().file();
        } catch (ConfigLocator.NotFound e) {
            err.println("doveadm: Error: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        int exit = ExitCodes.OK;
        try (MailUsers users = root.environment().mailUsers(configFile)) {
            for (String user : who.users(users)) {
                exit = ExitCodes.worst(exit, runFor(user, users, printer, err, root));
            }
        } catch (ConfigException e) {
            err.println("doveadm: Error: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (Exception e) {
            err.println("doveadm: Error: " + e.getMessage());
            exit = ExitCodes.worst(exit, ExitCodes.TEMPFAIL);
        }
        printer.end();
        return exit;
    }

    private int runFor(String user, MailUsers users, Printer printer, PrintWriter err, AdminCli root) {
        MailStorage storage;
        try {
            storage = users.open(user);
        } catch (UnknownUserException e) {
            err.println("doveadm(" + user + "): Error: User doesn't exist");
            return ExitCodes.NOUSER;
        } catch (MailStorageException e) {
            err.println("doveadm(" + user + "): Error: User init failed: " + e.getMessage());
            return ExitCodes.TEMPFAIL;
        }
        try (storage) {
            return run(new MailContext(user, storage, printer, who.manyUsers(), err, root.environment().stdin(), users,
                    spec.commandLine().getOut()));
        } catch (Exception e) {
            err.println("doveadm(" + user + "): Error: " + e.getMessage());
            return exitCode(e);
        }
    }

    /** doveadm's exit code for a storage failure. */
    public static int exitCode(Exception e) {
        if (e instanceof CommandFailure f) {
            return f.exitCode();
        }
        if (e instanceof MailboxNotFoundException) {
            return ExitCodes.NOTFOUND;
        }
        if (e instanceof MailboxExistsException || e instanceof InvalidMailboxNameException
                || e instanceof IllegalArgumentException) {
            return ExitCodes.DATAERR;
        }
        if (e instanceof OverQuotaException) {
            return ExitCodes.NOPERM;
        }
        if (e instanceof org.loftmail.sieve.store.SieveStoreException s) {
            return switch (s.reason()) {
                case NOT_FOUND -> ExitCodes.NOTFOUND;
                case BAD_NAME, EXISTS, ACTIVE -> ExitCodes.DATAERR;
                case QUOTA_MAXSIZE, QUOTA_MAXSCRIPTS, QUOTA_MAXSTORAGE, NOT_POSSIBLE -> ExitCodes.NOPERM;
                case TEMPORARY -> ExitCodes.TEMPFAIL;
            };
        }
        return ExitCodes.TEMPFAIL;
    }
}
