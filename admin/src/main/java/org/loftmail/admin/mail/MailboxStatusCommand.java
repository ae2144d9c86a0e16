package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mailbox status -u USER FIELDS MASK…}: a line per matching mailbox, its name then {@code field=value} in
 * doveadm's fixed order whatever order they were asked in. FIELDS is one argument ({@code "messages unseen"}).
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show mailbox status fields.",
        footer = {"", "Fields: messages recent uidnext uidvalidity unseen highestmodseq vsize guid all",
            "Example:  adm mailbox status -u jsmith 'messages unseen' INBOX"})
public final class MailboxStatusCommand extends MailCommand {

    /** doveadm's order; {@code all} means these (without the ones Loft lacks, {@link #MISSING}). */
    static final List<String> FIELDS = List.of("messages", "recent", "uidnext", "uidvalidity", "unseen",
            "highestmodseq", "vsize", "guid", "firstsaved");
    /** Fields doveadm has that Loft cannot print yet (the storage does not expose them). */
    static final Set<String> MISSING = Set.of("firstsaved");

    @Parameters(index = "0", paramLabel = "FIELDS")
    String fields;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "MASK")
    List<String> masks = new ArrayList<>();

    private List<String> chosen() {
        Set<String> asked = new LinkedHashSet<>();
        for (String f : fields.strip().split("\\s+")) {
            String name = f.toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                FIELDS.stream().filter(x -> !MISSING.contains(x)).forEach(asked::add);
            } else {
                asked.add(name);
            }
        }
        return FIELDS.stream().filter(asked::contains).toList();
    }

    @Override
    protected String usageProblem() {
        for (String f : fields.strip().split("\\s+")) {
            String name = f.toLowerCase(Locale.ROOT);
            if (!name.equals("all") && !FIELDS.contains(name)) {
                return "Unknown status field: " + f;
            }
        }
        for (String f : fields.strip().split("\\s+")) {
            if (MISSING.contains(f.toLowerCase(Locale.ROOT))) {
                return "status field " + f + " is not supported by Loft yet";
            }
        }
        return null;
    }

    @Override
    protected List<Header> headers() {
        List<Header> h = new ArrayList<>();
        h.add(Header.hidden("mailbox"));
        chosen().forEach(f -> h.add(Header.of(f)));
        return h;
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        MailboxMask mask = MailboxMask.of(masks, ctx.inboxNamespace().separator());
        boolean wildcard = masks.stream().anyMatch(m -> m.contains("*") || m.contains("%"));
        int exit = ExitCodes.OK;
        List<MailboxName> targets = new ArrayList<>();
        if (wildcard) {
            for (MailboxInfo info : ctx.storage().list()) {
                if (info.selectable() && mask.matches(ctx.format(info.name()))) {
                    targets.add(info.name());
                }
            }
        } else {
            for (String m : masks) {
                targets.add(ctx.parse(m));
            }
        }
        for (MailboxName name : targets) {
            MailboxStatus s;
            String guid = "";
            try {
                var mailbox = ctx.storage().mailbox(name);
                s = mailbox.status();
                if (chosen().contains("guid")) {
                    guid = mailbox.guid().orElse("");
                }
            } catch (Exception e) {
                ctx.error("Mailbox " + ctx.format(name) + ": Failed to lookup mailbox status: " + e.getMessage());
                exit = ExitCodes.worst(exit, exitCode(e));
                continue;
            }
            var row = ctx.row().value(ctx.format(name));
            for (String f : chosen()) {
                row.value(switch (f) {
                    case "messages" -> Long.toString(s.messages());
                    case "recent" -> Long.toString(s.recent());
                    case "uidnext" -> Long.toString(s.uidNext());
                    case "uidvalidity" -> Long.toString(s.uidValidity());
                    case "unseen" -> Long.toString(s.unseen());
                    case "highestmodseq" -> Long.toString(s.highestModSeq());
                    case "vsize" -> Long.toString(s.size());
                    case "guid" -> guid;
                    default -> throw new IllegalStateException(f);
                });
            }
        }
        return exit;
    }
}
