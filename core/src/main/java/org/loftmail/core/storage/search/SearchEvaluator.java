package org.loftmail.core.storage.search;

import java.time.LocalDate;
import java.time.ZoneId;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.work.WorkBudget;

/**
 * Evaluates a {@link SearchKey} for one message, shared by every backend. Record-only keys (flags, sizes,
 * dates, UIDs, MODSEQ) never touch the content; header/body keys are delegated to the candidate, and are
 * evaluated last inside an AND so cheap keys rule messages out first.
 */
public final class SearchEvaluator {

    private final ZoneId zone;

    public SearchEvaluator(ZoneId zone) {
        this.zone = zone;
    }

    public boolean matches(SearchKey key, SearchCandidate c) throws MailStorageException {
        MessageRecord r = c.record();
        // the command's work budget (ADR 0802): a key per message, content keys by the bytes they may scan
        boolean readsContent = key instanceof SearchKey.SentDate || key instanceof SearchKey.Header
                || key instanceof SearchKey.Body || key instanceof SearchKey.Text;
        WorkBudget.spend(readsContent ? 1 + r.virtualSize() : 1);
        return switch (key) {
            case SearchKey.All a -> true;
            case SearchKey.Flag f -> r.flags().contains(f.flag()) == f.present();
            case SearchKey.Keyword k -> r.flags().containsKeyword(k.keyword()) == k.present();
            case SearchKey.Recent rc -> c.recent();
            case SearchKey.Uids u -> u.uids().contains(r.uid());
            case SearchKey.SequenceNumbers s -> s.numbers().contains(c.seq());
            case SearchKey.Larger l -> r.virtualSize() > l.size();
            case SearchKey.Smaller s -> r.virtualSize() < s.size();
            case SearchKey.InternalDate d -> compare(r.internalDate().atZone(zone).toLocalDate(), d.comparison(), d.date());
            case SearchKey.ModSeqAtLeast m -> r.modSeq() >= m.modSeq();
            case SearchKey.InternalDateAt d -> r.internalDate().isBefore(d.at()) == d.before();
            case SearchKey.SentDate s -> c.contentMatches(s);
            case SearchKey.Header h -> c.contentMatches(h);
            case SearchKey.Body b -> c.contentMatches(b);
            case SearchKey.Text t -> c.contentMatches(t);
            case SearchKey.And and -> allMatch(and, c);
            case SearchKey.Or or -> matches(or.left(), c) || matches(or.right(), c);
            case SearchKey.Not not -> !matches(not.key(), c);
        };
    }

    private boolean allMatch(SearchKey.And and, SearchCandidate c) throws MailStorageException {
        for (SearchKey k : and.keys()) {
            if (!needsContent(k) && !matches(k, c)) return false;
        }
        for (SearchKey k : and.keys()) {
            if (needsContent(k) && !matches(k, c)) return false;
        }
        return true;
    }

    /** True when evaluating the key may read message content. */
    public static boolean needsContent(SearchKey key) {
        return switch (key) {
            case SearchKey.SentDate s -> true;
            case SearchKey.Header h -> true;
            case SearchKey.Body b -> true;
            case SearchKey.Text t -> true;
            case SearchKey.And and -> and.keys().stream().anyMatch(SearchEvaluator::needsContent);
            case SearchKey.Or or -> needsContent(or.left()) || needsContent(or.right());
            case SearchKey.Not not -> needsContent(not.key());
            default -> false;
        };
    }

    static boolean compare(LocalDate actual, SearchKey.DateComparison cmp, LocalDate date) {
        return switch (cmp) {
            case BEFORE -> actual.isBefore(date);
            case ON -> actual.isEqual(date);
            case SINCE -> !actual.isBefore(date);
        };
    }
}
