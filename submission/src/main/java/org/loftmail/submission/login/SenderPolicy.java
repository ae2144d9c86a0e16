package org.loftmail.submission.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which envelope senders an authenticated user may use (docs/adr/0620-submission.md). The site says so per user
 * with the userdb field {@code submission_sender} (from any userdb, or a passdb's {@code userdb_submission_sender}
 * for prefetch; an SQL site returns its sender-login map from its user_query): a list of addresses and
 * {@code @domain} entries, separated by spaces or commas; {@code *} allows any. A user without the field is not
 * restricted, as with Dovecot, which has no such check. The null sender {@code <>} is always allowed (bounces and
 * vacation replies use it). Local parts are compared as written, domains without regard to case.
 */
public final class SenderPolicy {

    /** The userdb field that lists a user's addresses. */
    public static final String FIELD = "submission_sender";

    private static final SenderPolicy ANY = new SenderPolicy(null);

    /** Null: any sender. */
    private final List<String> allowed;

    private SenderPolicy(List<String> allowed) {
        this.allowed = allowed;
    }

    public static SenderPolicy unrestricted() {
        return ANY;
    }

    /** The policy for the userdb field's value (null: not configured for this user). */
    public static SenderPolicy of(String field) {
        if (field == null) {
            return ANY;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : field.split("[\\s,]+")) {
            if (entry.equals("*")) {
                return ANY;
            }
            if (!entry.isEmpty()) {
                entries.add(normalise(entry));
            }
        }
        return new SenderPolicy(List.copyOf(entries));
    }

    public boolean restricted() {
        return allowed != null;
    }

    public boolean allows(String sender) {
        if (allowed == null || sender.isEmpty()) {
            return true;
        }
        String address = normalise(sender);
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? null : address.substring(at);
        for (String entry : allowed) {
            if (entry.equals(address) || (entry.startsWith("@") && entry.equals(domain))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }
}
