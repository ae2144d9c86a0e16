package org.loftmail.submission.session;

import org.loftmail.transport.Connection;

/**
 * {@code submission_logout_format}, with Dovecot's variables: {@code %i} bytes from the client, {@code %o} bytes
 * to it, {@code %{command_count}}, {@code %{reply_count}}, {@code %{session}}, {@code %{transaction_id}} (the
 * last transaction's), and {@code %%}. Anything else is refused at startup ({@link #check}).
 */
public final class LogoutFormat {

    private LogoutFormat() {}

    /** The counters of one connection. */
    record Counts(int commands, int replies, String transactionId) {}

    static String expand(String format, Connection connection, Counts counts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                b.append(c);
                continue;
            }
            char v = format.charAt(++i);
            switch (v) {
                case 'i' -> b.append(connection.bytesIn());
                case 'o' -> b.append(connection.bytesOut());
                case '%' -> b.append('%');
                case '{' -> {
                    int end = format.indexOf('}', i);
                    String name = format.substring(i + 1, end);
                    i = end;
                    b.append(switch (name) {
                        case "session" -> connection.sessionId();
                        case "transaction_id" -> counts.transactionId();
                        case "command_count" -> Integer.toString(counts.commands());
                        case "reply_count" -> Integer.toString(counts.replies());
                        default -> throw new IllegalStateException("unchecked variable " + name);
                    });
                }
                default -> throw new IllegalStateException("unchecked variable %" + v);
            }
        }
        return b.toString();
    }

    /** Refuses variables {@link #expand} does not know. */
    public static void check(String format) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%' || i + 1 == format.length()) {
                continue;
            }
            char v = format.charAt(++i);
            if (v == '{') {
                int end = format.indexOf('}', i);
                String name = end < 0 ? format.substring(i + 1) : format.substring(i + 1, end);
                if (end < 0 || !java.util.Set.of("session", "transaction_id", "command_count", "reply_count")
                        .contains(name)) {
                    throw new IllegalArgumentException("unknown variable %{" + name + "}");
                }
                i = end;
            } else if (v != 'i' && v != 'o' && v != '%') {
                throw new IllegalArgumentException("unknown variable %" + v);
            }
        }
    }
}
