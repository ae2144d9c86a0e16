package org.loftmail.core.storage;

import java.util.List;

/**
 * IMAP's {@code [COPYUID uidvalidity source-uids dest-uids]}: {@code sourceUids.get(i)} became
 * {@code destinationUids.get(i)} in the target. Source UIDs that were already expunged are left out.
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> destinationUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        destinationUids = List.copyOf(destinationUids);
        if (sourceUids.size() != destinationUids.size()) throw new IllegalArgumentException("uneven COPYUID lists");
    }
}
