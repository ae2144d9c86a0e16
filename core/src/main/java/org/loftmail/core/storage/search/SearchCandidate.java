package org.loftmail.core.storage.search;

import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;

/** What search evaluation may ask about one message; content is read only for header/body/text keys. */
public interface SearchCandidate {
    MessageRecord record();

    int seq();

    boolean recent();

    /** Does the content match a Header/Body/Text/SentDate key? Called only for those keys. */
    boolean contentMatches(SearchKey key) throws MailStorageException;
}
