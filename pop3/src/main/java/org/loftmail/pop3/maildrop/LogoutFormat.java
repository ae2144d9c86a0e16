package org.loftmail.pop3.maildrop;

import java.util.List;
import java.util.Map;
import org.loftmail.core.config.VariableExpander;

/**
 * {@code pop3_logout_format}, Dovecot's default {@code top=%t/%p, retr=%r/%b, del=%d/%m, size=%s}: %i/%o bytes in
 * and out, %t/%p TOP count and bytes, %r/%b RETR count and bytes, %d deleted messages, %m messages at login,
 * %s mailbox size at login, and the long names {@code %{deleted_bytes}}, {@code %{session}}.
 */
public final class LogoutFormat {

    static final Map<Character, String> SHORT_NAMES = Map.of(
            'i', "input", 'o', "output", 't', "top_count", 'p', "top_bytes", 'r', "retr_count",
            'b', "retr_bytes", 'd', "deleted_count", 'm', "message_count", 's', "message_bytes");

    private LogoutFormat() {}

    public static void validate(String template) {
        List<String> unknown = expander(new LogoutStats(0, 0), 0, 0, "").unknownVariables(template);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("pop3_logout_format: unknown variable " + unknown.getFirst());
        }
    }

    public static String expand(String template, LogoutStats stats, long bytesIn, long bytesOut, String session) {
        return expander(stats, bytesIn, bytesOut, session).expand(template);
    }

    private static VariableExpander expander(LogoutStats s, long in, long out, String session) {
        return VariableExpander.builder(SHORT_NAMES)
                .set("input", Long.toString(in))
                .set("output", Long.toString(out))
                .set("top_count", Long.toString(s.topCount()))
                .set("top_bytes", Long.toString(s.topBytes()))
                .set("retr_count", Long.toString(s.retrCount()))
                .set("retr_bytes", Long.toString(s.retrBytes()))
                .set("deleted_count", Long.toString(s.deletedCount()))
                .set("deleted_bytes", Long.toString(s.deletedBytes()))
                .set("message_count", Long.toString(s.messageCount()))
                .set("message_bytes", Long.toString(s.mailboxSize()))
                .set("session", session)
                .build();
    }
}
