package org.loftmail.admin.mail.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.search.SearchKey;

class QueryParserTest {

    private static SearchQuery q(String... args) {
        return SearchQuery.parse(List.of(args));
    }

    @Test
    void keysOneAfterAnotherAreAndedAndMailboxTermsAreTakenOut() {
        SearchQuery query = q("mailbox", "INBOX", "SEEN", "from", "x@example.com", "larger", "10k");
        assertThat(query.mailboxes()).containsExactly("INBOX");
        assertThat(query.key()).isEqualTo(new SearchKey.And(List.of(new SearchKey.Flag(SystemFlag.SEEN, true),
                new SearchKey.Header("from", "x@example.com"), new SearchKey.Larger(10240))));
        assertThat(q("guid", "abc", "all").messageGuid()).isEqualTo(Optional.of("abc"));
        assertThat(q("mailbox-guid", "0123").mailboxGuid()).isEqualTo(Optional.of("0123"));
        assertThat(q("mailbox", "INBOX").key()).isEqualTo(new SearchKey.All());
    }

    @Test
    void orIsInfixAndMixingNeedsParentheses() {
        assertThat(q("seen", "OR", "flagged", "or", "draft").key()).isEqualTo(new SearchKey.Or(
                new SearchKey.Flag(SystemFlag.SEEN, true), new SearchKey.Or(new SearchKey.Flag(SystemFlag.FLAGGED, true),
                        new SearchKey.Flag(SystemFlag.DRAFT, true))));
        assertThatThrownBy(() -> q("seen", "OR", "flagged", "draft")).hasMessage("Use parenthesis when mixing ANDs and ORs");
        assertThat(q("(", "seen", "OR", "flagged", ")", "not", "draft").key()).isEqualTo(new SearchKey.And(List.of(
                new SearchKey.Or(new SearchKey.Flag(SystemFlag.SEEN, true), new SearchKey.Flag(SystemFlag.FLAGGED, true)),
                new SearchKey.Not(new SearchKey.Flag(SystemFlag.DRAFT, true)))));
        assertThatThrownBy(() -> q("(", "seen")).hasMessage("Missing ')'");
        assertThatThrownBy(() -> q("seen", ")")).hasMessage("Unexpected ')'");
        assertThatThrownBy(() -> q("not", "mailbox", "INBOX")).hasMessageContaining("not supported");
    }

    @Test
    void uidsSequencesAndUnknownWords() {
        assertThat(q("uid", "1:10").key()).isEqualTo(new SearchKey.Uids(UidSet.range(1, 10)));
        assertThat(q("2:*").key()).isEqualTo(new SearchKey.SequenceNumbers(UidSet.range(2, UidSet.MAX)));
        assertThatThrownBy(() -> q("frob")).hasMessage("Unknown argument FROB");
        assertThatThrownBy(() -> q("uid", "x")).hasMessage("Invalid messageset: x");
        assertThatThrownBy(() -> q("subject")).hasMessage("Missing argument for subject");
        assertThatThrownBy(() -> q("savedbefore", "30d")).hasMessageContaining("save date");
    }

    @Test
    void datesAreImapIsoUnixOrIntervalsBeforeNow() {
        assertThat(q("before", "1-Feb-2024").key())
                .isEqualTo(new SearchKey.InternalDate(SearchKey.DateComparison.BEFORE, LocalDate.of(2024, 2, 1)));
        assertThat(q("since", "2024-02-01").key())
                .isEqualTo(new SearchKey.InternalDate(SearchKey.DateComparison.SINCE, LocalDate.of(2024, 2, 1)));
        assertThat(q("since", "1700000000").key())
                .isEqualTo(new SearchKey.InternalDateAt(false, java.time.Instant.ofEpochSecond(1700000000L)));
        SearchKey.InternalDateAt older = (SearchKey.InternalDateAt) q("before", "30d").key();
        assertThat(older.before()).isTrue();
        assertThat(java.time.Duration.between(older.at(), java.time.Instant.now()).toDays()).isEqualTo(30);
        assertThat(q("on", "30d").key()).isInstanceOf(SearchKey.InternalDate.class);
        assertThat(QueryParser.date("30d")).isEqualTo(LocalDate.now().minusDays(30));
        assertThat(QueryParser.date("2weeks")).isEqualTo(LocalDate.now().minusDays(14));
        assertThat(QueryParser.date("0")).isEqualTo(java.time.Instant.EPOCH.atZone(java.time.ZoneId.systemDefault()).toLocalDate());
        assertThatThrownBy(() -> QueryParser.date("soon")).hasMessage("Invalid search date parameter: soon");
        assertThatThrownBy(() -> QueryParser.date("3fortnights")).hasMessage("Invalid search date parameter: 3fortnights");
    }
}
