package org.loftmail.smtp.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * What the server said about each recipient, in the order given: its RCPT refusal, or (once accepted) the reply
 * to the end of the data. A recipient whose reply is positive was taken by the server.
 */
public record RelayResult(Map<String, SmtpReply> replies) {

    public RelayResult {
        replies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replies));
    }

    public boolean allAccepted() {
        return replies.values().stream().allMatch(SmtpReply::positive);
    }

    public Map<String, SmtpReply> failures() {
        Map<String, SmtpReply> failed = new LinkedHashMap<>();
        replies.forEach((rcpt, reply) -> {
            if (!reply.positive()) {
                failed.put(rcpt, reply);
            }
        });
        return failed;
    }
}
