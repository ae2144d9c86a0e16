package org.loftmail.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Round trips of the small mail values: modified UTF-7, UID sets, mailbox names. */
class MailValuesPropertiesTest {

    @Property(tries = 200)
    void modifiedUtf7RoundTrips(@ForAll @StringLength(max = 40) String s) {
        String clean = s.codePoints().filter(c -> !Character.isSurrogate((char) c) || c > 0xffff)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String enc = ModifiedUtf7.encode(clean);
        assertThat(enc.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).isTrue();
        assertThat(ModifiedUtf7.decode(enc)).isEqualTo(clean);
    }

    @Test
    void modifiedUtf7KnownValuesAndBadInput() {
        assertThat(ModifiedUtf7.encode("Entwürfe")).isEqualTo("Entw&APw-rfe");
        assertThat(ModifiedUtf7.encode("Fish & Chips")).isEqualTo("Fish &- Chips");
        assertThat(ModifiedUtf7.encode("日本語")).isEqualTo("&ZeVnLIqe-");
        assertThat(ModifiedUtf7.decode("&ZeVnLIqe-")).isEqualTo("日本語");
        for (String bad : List.of("&", "&ZeVn", "&!!-", "ä")) {
            assertThatThrownBy(() -> ModifiedUtf7.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void uidSetIsTheSetOfItsMembers(@ForAll @Size(max = 50) List<@LongRange(min = 1, max = 200) Long> uids) {
        UidSet set = UidSet.of(uids);
        Set<Long> expected = new TreeSet<>(uids);
        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.stream().boxed().toList()).containsExactlyElementsOf(expected);
        for (long u = 1; u <= 201; u++) assertThat(set.contains(u)).isEqualTo(expected.contains(u));
        assertThat(UidSet.parse(set.toString().isEmpty() ? "1" : set.toString()))
                .isEqualTo(set.isEmpty() ? UidSet.of(1) : set);
    }

    @Property(tries = 200)
    void unionAndIntersectionAgreeWithSets(@ForAll @Size(max = 30) List<@LongRange(min = 1, max = 80) Long> a,
            @ForAll @Size(max = 30) List<@LongRange(min = 1, max = 80) Long> b) {
        Set<Long> union = new TreeSet<>(a);
        union.addAll(b);
        Set<Long> inter = new TreeSet<>(a);
        inter.retainAll(new TreeSet<>(b));
        assertThat(UidSet.of(a).union(UidSet.of(b))).isEqualTo(UidSet.of(union));
        assertThat(UidSet.of(a).intersect(UidSet.of(b))).isEqualTo(UidSet.of(inter));
    }

    @Test
    void uidSetRangesAndLimits() {
        assertThat(UidSet.range(5, 1).toString()).isEqualTo("1:5");
        assertThat(UidSet.parse("3,1:2,7,8,9").toString()).isEqualTo("1:3,7:9");
        assertThat(UidSet.range(1, UidSet.MAX).size()).isEqualTo(UidSet.MAX);
        for (String bad : List.of("", "0", "1:", "a", "4294967296", "1,,2", "-1")) {
            assertThatThrownBy(() -> UidSet.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void mailboxNamesRoundTripThroughTheSeparator(@ForAll @Size(min = 1, max = 4) List<@StringLength(min = 1, max = 12) String> levels) {
        List<String> clean = levels.stream().map(l -> l.replaceAll("[\\x00-\\x1f\\x7f-\\x9f/.\\ud800-\\udfff]", "x")).toList();
        MailboxName n = new MailboxName(clean);
        assertThat(MailboxName.parse(n.toString('/'), '/')).isEqualTo(n);
    }

    @Test
    void inboxIsCaseInsensitiveOnlyAtTheTop() {
        assertThat(MailboxName.parse("inbox", '/')).isEqualTo(MailboxName.INBOX);
        assertThat(MailboxName.parse("InBox/Sub", '/').path()).containsExactly("INBOX", "Sub");
        assertThat(MailboxName.parse("Work/inbox", '/').path()).containsExactly("Work", "inbox");
    }
}
