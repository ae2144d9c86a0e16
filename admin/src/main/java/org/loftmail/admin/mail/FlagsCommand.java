package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flags add|remove|replace -u USER 'FLAGS' QUERY}: changes system flags and keywords of matching messages. */
@Command(name = "flags", mixinStandardHelpOptions = true, description = "Change message flags (doveadm flags).",
        footer = {"", "Example:  adm flags add -u jsmith '\\Seen' mailbox INBOX all"},
        subcommands = {FlagsCommand.Add.class, FlagsCommand.Remove.class, FlagsCommand.Replace.class},
        exitCodeOnInvalidInput = 64)
public final class FlagsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing flags command (add, remove, replace)");
    }

    abstract static class Change extends QueryCommand {
        @Parameters(index = "0", paramLabel = "FLAGS")
        String flags;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY")
        List<String> args = new ArrayList<>();

        private Flags parsed;

        abstract FlagChange change();

        @Override
        protected List<String> queryArgs() {
            return args;
        }

        @Override
        protected String moreProblems() {
            List<SystemFlag> system = new ArrayList<>();
            List<String> keywords = new ArrayList<>();
            for (String f : flags.strip().split("\\s+")) {
                if (f.startsWith("\\")) {
                    SystemFlag flag = null;
                    for (SystemFlag s : SystemFlag.values()) {
                        if (s.imapName().equalsIgnoreCase(f)) {
                            flag = s;
                        }
                    }
                    if (flag == null) {
                        return "Invalid system flag: " + f;
                    }
                    system.add(flag);
                } else if (!f.isEmpty()) {
                    try {
                        keywords.add(Flags.validKeyword(f));
                    } catch (IllegalArgumentException e) {
                        return "Invalid keyword: " + f;
                    }
                }
            }
            parsed = Flags.of(system, keywords);
            return null;
        }

        @Override
        protected List<Header> headers() {
            return List.of();
        }

        @Override
        protected int run(MailContext ctx) throws Exception {
            MessageSearch.run(ctx, query, false, m -> {
                if (!m.uids().isEmpty()) {
                    m.view().store(m.uids(), change(), parsed, OptionalLong.empty());
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add flags.",
            footer = {"", "Example:  adm flags add -u jsmith '\\Seen $Junk' mailbox Spam all"})
    public static final class Add extends Change {
        @Override
        FlagChange change() {
            return FlagChange.ADD;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove flags.",
            footer = {"", "Example:  adm flags remove -u jsmith '\\Seen' mailbox INBOX uid 1:10"})
    public static final class Remove extends Change {
        @Override
        FlagChange change() {
            return FlagChange.REMOVE;
        }
    }

    @Command(name = "replace", mixinStandardHelpOptions = true, description = "Replace the flags.",
            footer = {"", "Example:  adm flags replace -u jsmith '\\Seen' mailbox INBOX all"})
    public static final class Replace extends Change {
        @Override
        FlagChange change() {
            return FlagChange.REPLACE;
        }
    }
}
