package org.loftmail.imap.command;

import java.util.List;
import org.loftmail.core.storage.Namespace;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ResponseWriter;

/** NAMESPACE (RFC 2342): personal, other users', shared, from the configured namespaces. */
public final class NamespaceCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        List<Namespace> all = ctx.storage().namespaces().stream().filter(n -> !n.hidden()).toList();
        ResponseWriter.Line l = ctx.out().untagged().atom("NAMESPACE").sp();
        for (Namespace.Type type : List.of(Namespace.Type.PRIVATE, Namespace.Type.SHARED, Namespace.Type.PUBLIC)) {
            List<Namespace> of = all.stream().filter(n -> n.type() == type).toList();
            if (type != Namespace.Type.PRIVATE) l.sp();
            if (of.isEmpty()) {
                l.nil();
                continue;
            }
            l.open();
            for (Namespace n : of) {
                l.open().mailbox(n.prefix()).sp().string(String.valueOf(n.separator())).close();
            }
            l.close();
        }
        l.end();
        return Completion.ok("Namespace completed.");
    }
}
