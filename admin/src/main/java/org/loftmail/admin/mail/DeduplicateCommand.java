package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deduplicate [-m] -u USER QUERY}: in each mailbox, expunges every matching message but the first (lowest UID)
 * with the same GUID, or with {@code -m} the same Message-ID header (messages without one are kept).
 */
@Command(name = "deduplicate", mixinStandardHelpOptions = true,
        description = "Expunge duplicate messages (doveadm deduplicate).",
        footer = {"", "Example:  adm deduplicate -u jsmith -m mailbox INBOX all"})
public final class DeduplicateCommand extends QueryCommand {

    @Option(names = "-m", description = "Duplicates by Message-ID header instead of GUID.")
    boolean byMessageId;

    @Parameters(paramLabel = "QUERY", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        MessageSearch.run(ctx, query, false, m -> {
            Set<String> seen = new HashSet<>();
            List<Long> duplicates = new ArrayList<>();
            for (long uid : m.uids().stream().toArray()) {
                Optional<String> key = byMessageId
                        ? Optional.ofNullable(m.view().structure(uid).envelope().messageId()).filter(s -> !s.isEmpty())
                        : MessageSearch.guid(m.view(), uid);
                if (key.isPresent() && !seen.add(key.get())) {
                    duplicates.add(uid);
                }
            }
            if (!duplicates.isEmpty()) {
                UidSet set = UidSet.of(duplicates);
                m.view().store(set, FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                m.view().expunge(Optional.of(set));
            }
        });
        return ExitCodes.OK;
    }
}
