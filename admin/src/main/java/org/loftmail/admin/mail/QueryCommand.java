package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.mail.search.SearchQuery;

/** A mail command whose last arguments are a doveadm search query. */
public abstract class QueryCommand extends MailCommand {

    /** The query, parsed once the arguments are known. */
    protected SearchQuery query;

    /** The query's arguments (the command declares them as its last parameters). */
    protected abstract List<String> queryArgs();

    /** Other argument checks, after the query parsed. */
    protected String moreProblems() {
        return null;
    }

    @Override
    protected final String usageProblem() {
        return queryArgs().isEmpty() ? "Missing search query" : moreProblems();
    }

    /** Other argument problems doveadm treats as fatal (an unknown fetch field). */
    protected String moreFatalProblems() {
        return null;
    }

    /** doveadm treats a query it cannot parse as fatal (exit 75). */
    @Override
    protected final String fatalProblem() {
        try {
            query = SearchQuery.parse(new ArrayList<>(queryArgs()));
            return moreFatalProblems();
        } catch (SearchQuery.QueryException e) {
            return e.getMessage();
        }
    }
}
