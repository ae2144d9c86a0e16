package org.loftmail.server;

import java.util.List;
import java.util.Objects;
import org.loftmail.mbox.MboxSettings;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * What the storage provider is built with: the namespaces (with their {@code mailbox { }} blocks) and the quota
 * plugin's settings, and the {@code mbox_*} lock settings. Bound by {@link StorageSettingsBinder}.
 */
record StorageSettings(List<Namespace> namespaces, QuotaSettings quota, MboxSettings mbox) {

    StorageSettings {
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(mbox, "mbox");
    }
}
