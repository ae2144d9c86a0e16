package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.QuotaResource;
import org.loftmail.core.storage.QuotaRoot;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quota get -u USER}: usage and limits of the user's quota roots, as doveadm's table prints them. */
@Command(name = "quota", mixinStandardHelpOptions = true, description = "Quota commands (doveadm quota).",
        footer = {"", "Example:  adm quota get -u jsmith"},
        subcommands = {QuotaCommand.Get.class}, exitCodeOnInvalidInput = 64)
public final class QuotaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing quota command (get)");
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show quota usage and limits.",
            footer = {"", "Example:  adm quota get -u jsmith"})
    public static final class Get extends MailCommand {
        @Override
        protected String defaultFormat() {
            return "table";
        }

        @Override
        protected List<Header> headers() {
            return List.of(Header.of("Quota name"), Header.of("Type"), Header.number("Value", "Value"),
                    Header.number("Limit", "Limit"), Header.number("%", "%"));
        }

        @Override
        protected int run(MailContext ctx) throws Exception {
            List<QuotaRoot> roots = ctx.storage().quotaRoots(MailboxName.INBOX);
            if (roots.isEmpty()) {
                ctx.error("No quota roots: quota needs mail_plugins = quota and plugin { quota = … }");
                return ExitCodes.USAGE;
            }
            for (QuotaRoot root : roots) {
                java.util.List<QuotaResource> resources = new java.util.ArrayList<>(root.resources());
                if (resources.stream().noneMatch(r -> r.name().equals(QuotaResource.MESSAGE))) {
                    // doveadm lists the message count even without a limit on it
                    resources.add(new QuotaResource(QuotaResource.MESSAGE, messageCount(ctx), -1));
                }
                for (QuotaResource r : resources) {
                    boolean storage = r.name().equals(QuotaResource.STORAGE);
                    // STORAGE in KiB, rounded up, as Dovecot reports it
                    long value = storage ? (r.usage() + 1023) / 1024 : r.usage();
                    long limit = r.unlimited() ? -1 : storage ? r.limit() / 1024 : r.limit();
                    String percent = limit <= 0 ? "0" : Long.toString(value * 100 / limit);
                    ctx.row().value(root.name()).value(r.name()).value(Long.toString(value))
                            .value(limit < 0 ? "-" : Long.toString(limit)).value(percent);
                }
            }
            return ExitCodes.OK;
        }

        private static long messageCount(MailContext ctx) throws Exception {
            long n = 0;
            for (var info : ctx.storage().list()) {
                if (info.selectable()) {
                    n += ctx.storage().mailbox(info.name()).status().messages();
                }
            }
            return n;
        }
    }
}
