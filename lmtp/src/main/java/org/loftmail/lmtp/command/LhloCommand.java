package org.loftmail.lmtp.command;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.session.LmtpSession;

/** RFC 2033 section 4.1: LHLO names the client and gets the extension list. A new LHLO resets the transaction. */
final class LhloCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        String name = arguments.trim();
        if (name.isEmpty() || name.contains(" ") || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            session.reply(LmtpReply.of(501, "5.5.4", "Invalid domain name"));
            return;
        }
        session.lhlo(name);
        List<String> lines = new ArrayList<>();
        lines.add(session.settings().hostname());
        lines.add("8BITMIME");
        lines.add("CHUNKING");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("PIPELINING");
        long max = session.delivery().settings().maxMessageSize();
        lines.add(max > 0 ? "SIZE " + max : "SIZE");
        if (session.connection().canStartTls()) {
            lines.add("STARTTLS");
        }
        session.reply(new LmtpReply(250, "", lines));
    }
}
