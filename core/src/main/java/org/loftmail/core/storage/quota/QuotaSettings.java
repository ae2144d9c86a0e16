package org.loftmail.core.storage.quota;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quota plugin's settings: {@code quota = maildir:User quota} or {@code quota = count:User quota}
 * (backend and root name), the global {@code quota_rule}, {@code quota_rule2}... lines and {@code quota_grace}
 * (bytes or a percentage of the limit, default {@code 10%}).
 */
public record QuotaSettings(Optional<Backend> backend, String rootName, List<QuotaRule> rules, QuotaGrace grace) {

    public enum Backend {
        /** Maildir++ {@code maildirsize} file. */
        MAILDIR,
        /** Counted from the index. */
        COUNT
    }

    public static final QuotaSettings NONE = new QuotaSettings(Optional.empty(), "User quota", List.of(), QuotaGrace.parse("10%"));

    public QuotaSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(rootName, "rootName");
        rules = List.copyOf(rules);
        Objects.requireNonNull(grace, "grace");
    }

    /** Parses Dovecot's {@code quota = <backend>[:<root name>]}. */
    public static QuotaSettings of(String quota, List<String> rules, String grace) {
        int colon = quota.indexOf(':');
        String backend = colon < 0 ? quota : quota.substring(0, colon);
        String name = colon < 0 ? "User quota" : quota.substring(colon + 1);
        Backend b = switch (backend) {
            case "maildir" -> Backend.MAILDIR;
            case "count" -> Backend.COUNT;
            default -> throw new IllegalArgumentException("unsupported quota backend: " + backend);
        };
        return new QuotaSettings(Optional.of(b), name, rules.stream().map(QuotaRule::parse).toList(), QuotaGrace.parse(grace));
    }

    public boolean enabled() {
        return backend.isPresent();
    }
}
