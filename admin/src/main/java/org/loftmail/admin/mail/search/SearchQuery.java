package org.loftmail.admin.mail.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.core.storage.search.SearchKey;

/**
 * A parsed doveadm search query: the IMAP search key, plus what doveadm adds that is not about one message's
 * content — the mailboxes to look in ({@code mailbox NAME}, masks allowed; none means every mailbox), a mailbox
 * GUID and a message GUID. Those three are taken from the query's top level (joined by AND), as scripts use them.
 */
public record SearchQuery(SearchKey key, List<String> mailboxes, Optional<String> mailboxGuid,
        Optional<String> messageGuid) {

    public SearchQuery {
        mailboxes = List.copyOf(mailboxes);
    }

    /** Parses the query's arguments; throws {@link QueryException} with doveadm-style wording. */
    public static SearchQuery parse(List<String> args) {
        return new QueryParser(args).parse();
    }

    /** A query doveadm would refuse ({@code exit 64}). */
    public static final class QueryException extends IllegalArgumentException {
        public QueryException(String message) {
            super(message);
        }
    }

    static SearchQuery of(List<SearchKey> keys, List<String> mailboxes, String mailboxGuid, String messageGuid) {
        SearchKey key = keys.isEmpty() ? new SearchKey.All() : keys.size() == 1 ? keys.get(0) : new SearchKey.And(new ArrayList<>(keys));
        return new SearchQuery(key, mailboxes, Optional.ofNullable(mailboxGuid), Optional.ofNullable(messageGuid));
    }
}
