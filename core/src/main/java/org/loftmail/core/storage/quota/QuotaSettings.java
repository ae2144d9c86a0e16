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

    public static final QuotaSettings NONE = new QuotaSettings(Optional.empty(), "User quota", List.of(), new QuotaGrace(0, 10));

    public QuotaSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(rootName, "rootName");
        rules = List.copyOf(rules);
        Objects.requireNonNull(grace, "grace");
    }

    /**
     * Settings from already-expanded texts (tests and tools); the configuration goes through
     * {@link QuotaSettingsBinder}, which names the line of a bad value.
     */
    public static QuotaSettings of(String quota, List<String> rules, String grace) {
        return new QuotaSettings(Optional.of(backend(quota)), rootName(quota),
                rules.stream().map(QuotaRule::parse).toList(), QuotaGrace.parse(grace));
    }

    /** The backend of Dovecot's {@code quota = <backend>[:<root name>]}. */
    static Backend backend(String quota) {
        int colon = quota.indexOf(':');
        String backend = colon < 0 ? quota : quota.substring(0, colon);
        return switch (backend) {
            case "maildir" -> Backend.MAILDIR;
            case "count" -> Backend.COUNT;
            default -> throw new IllegalArgumentException("unsupported quota backend: " + backend);
        };
    }

    /** The root name of {@code quota = <backend>[:<root name>]} ("User quota" when none is given). */
    static String rootName(String quota) {
        int colon = quota.indexOf(':');
        return colon < 0 ? "User quota" : quota.substring(colon + 1);
    }

    public boolean enabled() {
        return backend.isPresent();
    }
}
