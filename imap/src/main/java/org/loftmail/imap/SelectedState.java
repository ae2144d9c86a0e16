package org.loftmail.imap;

import java.util.Objects;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * The selected mailbox as the session sees it: the storage view (sequence numbers, last reported state), the name
 * the client used, and the saved search result ({@code $}, RFC 5182) as UIDs.
 */
public final class SelectedState {

    private final SelectedMailbox view;
    private final String clientName;
    private UidSet savedSearch = UidSet.EMPTY;

    public SelectedState(SelectedMailbox view, String clientName) {
        this.view = Objects.requireNonNull(view);
        this.clientName = Objects.requireNonNull(clientName);
    }

    public SelectedMailbox view() {
        return view;
    }

    public String clientName() {
        return clientName;
    }

    public boolean readOnly() {
        return view.readOnly();
    }

    public UidSet savedSearch() {
        return savedSearch;
    }

    public void saveSearch(UidSet uids) {
        this.savedSearch = uids;
    }
}
