package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.core.mail.UidSet;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.WireSyntaxException;

class CodecProperties {

    @Property
    void modifiedUtf7RoundTrips(@ForAll String name) {
        String wellFormed = name.codePoints().filter(Character::isValidCodePoint)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String encoded = ModifiedUtf7.encode(wellFormed);
        assertThat(encoded.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).isTrue();
        assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(wellFormed);
    }

    @Provide
    Arbitrary<String> returnOptionNames() {
        return Arbitraries.of("MIN", "MAX", "ALL", "COUNT", "SAVE").flatMap(name -> Arbitraries.strings()
                .withChars("01").ofLength(name.length()).map(caseBits -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < name.length(); i++) {
                        sb.append(caseBits.charAt(i) == '1' ? name.charAt(i) : Character.toLowerCase(name.charAt(i)));
                    }
                    return sb.toString();
                }));
    }

    @Property
    void searchReturnListsParseToTheirOptionsInAnyOrderAndCase(
            @ForAll @Size(max = 8) List<@From("returnOptionNames") String> names) {
        String wire = "RETURN (" + String.join(" ", names) + ") ALL";
        ArgumentReader r = new ArgumentReader(CommandInput.parse(wire.getBytes(StandardCharsets.US_ASCII)));
        Set<SearchReturn.Option> expected = EnumSet.noneOf(SearchReturn.Option.class);
        for (String n : names) expected.add(SearchReturn.Option.valueOf(n.toUpperCase(Locale.ROOT)));
        if (expected.isEmpty()) expected.add(SearchReturn.Option.ALL);
        assertThat(SearchReturn.parseIfPresent(r)).contains(new SearchReturn(expected));
        assertThat(r.keyword()).isEqualTo("ALL");
        assertThat(r.atEnd()).isTrue();
    }

    @Provide
    Arbitrary<SequenceSet.Range> ranges() {
        Arbitrary<Long> end = Arbitraries.oneOf(Arbitraries.longs().between(1, UidSet.MAX),
                Arbitraries.longs().between(1, 50), Arbitraries.just(SequenceSet.STAR));
        return Combinators.combine(end, end).as(SequenceSet.Range::new);
    }

    @Property
    void sequenceSetsRoundTripThroughText(@ForAll @Size(min = 1, max = 20) List<SequenceSet.@From("ranges") Range> ranges) {
        if (ranges.isEmpty()) return;
        SequenceSet set = new SequenceSet(ranges, false);
        assertThat(SequenceSet.parse(set.toString())).isEqualTo(set);
    }

    @Property
    void resolvedSetsContainExactlyTheNamedNumbers(@ForAll @Size(min = 1, max = 20) List<SequenceSet.@From("ranges") Range> ranges,
            @ForAll("stars") Long star) {
        if (ranges.isEmpty()) return;
        SequenceSet set = new SequenceSet(ranges, false);
        UidSet resolved = set.resolve(star);
        for (SequenceSet.Range r : ranges) {
            long from = r.from() == SequenceSet.STAR ? star : r.from();
            long to = r.to() == SequenceSet.STAR ? star : r.to();
            if (from == 0 && to == 0) continue;
            if (from == 0) from = to;
            if (to == 0) to = from;
            assertThat(resolved.contains(Math.min(from, to))).isTrue();
            assertThat(resolved.contains(Math.max(from, to))).isTrue();
        }
        assertThat(UidSet.parse(resolved.isEmpty() ? "1" : resolved.toString()).isEmpty()).isFalse();
    }

    @Provide
    Arbitrary<Long> stars() {
        return Arbitraries.longs().between(0, 100);
    }

    @Provide
    Arbitrary<String> imapish() {
        return Arbitraries.strings().withChars("aZ09 ()[]<>{}+*%$:,.\\\"~-\u00e9\r\n\u0000").ofMaxLength(120);
    }

    /** Whatever the bytes, the parsers answer with a value or a syntax error, never anything else. */
    @Property(tries = 3000)
    void parsersOnlyEverFailWithSyntaxErrors(@ForAll("imapish") String text) {
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SequenceResolver resolver = new SequenceResolver() {
            @Override
            public UidSet sequenceNumbers(SequenceSet set) {
                return set.savedResult() ? UidSet.EMPTY : set.resolve(10);
            }

            @Override
            public UidSet uids(SequenceSet set) {
                return set.savedResult() ? UidSet.EMPTY : set.resolve(100);
            }
        };
        java.util.List<java.util.function.Consumer<ArgumentReader>> parsers = java.util.List.of(
                r -> FetchParser.parse(r), r -> SearchParser.parse(r, resolver), r -> {
                    SearchReturn.parseIfPresent(r);
                    SearchParser.parse(r, resolver);
                }, r -> {
                    SequenceSet set = r.sequenceSet();
                    if (!set.savedResult()) set.resolve(5);
                },
                r -> r.flagList(), r -> r.astring(), r -> r.listMailbox(), r -> r.dateTime(), r -> {
                    r.tag();
                    r.sp();
                    r.keyword();
                });
        for (var p : parsers) {
            try {
                p.accept(new ArgumentReader(CommandInput.parse(raw)));
            } catch (ImapSyntaxException | SearchParser.BadCharsetException expected) {
                // a syntax error is the right answer to garbage
            }
        }
        try {
            ArgumentReader r = new ArgumentReader(CommandInput.parse(("RETURN (" + text).getBytes(StandardCharsets.UTF_8)));
            SearchReturn.parseIfPresent(r);
            SearchParser.parse(r, resolver);
        } catch (ImapSyntaxException | SearchParser.BadCharsetException expected) {
            // the same for garbage inside a result-option list
        }
        try {
            LiteralAnnouncement.at(raw);
        } catch (WireSyntaxException expected) {
            // too many digits
        }
    }
}
