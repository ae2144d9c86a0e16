package org.loftmail.core.storage;

import java.util.List;

/** A quota root (Dovecot's {@code quota = maildir:User quota} names the root "User quota"). */
public record QuotaRoot(String name, List<QuotaResource> resources) {
    public QuotaRoot {
        resources = List.copyOf(resources);
    }
}
