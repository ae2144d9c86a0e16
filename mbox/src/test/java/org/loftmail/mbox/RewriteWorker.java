package org.loftmail.mbox;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * Run in a child JVM by {@link KillDuringRewriteTest}: rewrites the INBOX of {@code args[0]} for ever (a flag on
 * the first message, which rewrites the whole file, then an expunge of the first message), printing
 * {@code EXPUNGED <uid>} after each expunge is acknowledged, until it is killed.
 */
public final class RewriteWorker {

    public static void main(String[] args) throws Exception {
        MboxFixture f = new MboxFixture(Path.of(args[0]));
        try (SelectedMailbox v = f.inbox().select(false)) {
            System.out.println("READY");
            System.out.flush();
            while (v.count() > 1) {
                v.sync(true);
                long first = v.uid(1);
                v.store(UidSet.of(first), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
                v.store(UidSet.of(first), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                v.expunge(Optional.empty());
                System.out.println("EXPUNGED " + first);
                System.out.flush();
            }
        }
    }

    private RewriteWorker() {}
}
