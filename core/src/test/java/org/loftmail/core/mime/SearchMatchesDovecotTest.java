package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SEARCH BODY and TEXT over the whole corpus, for every needle in search_needles.txt, against the messages
 * Dovecot 2.3.19 found (search.expected, recorded by dovecot_expect.py).
 */
class SearchMatchesDovecotTest {

    @TestFactory
    Stream<DynamicTest> searchFindsWhatDovecotFinds() throws Exception {
        Path dir = ReferenceCorpusTest.corpus();
        List<String> lines = Files.readAllLines(dir.resolve("search.expected"), StandardCharsets.UTF_8);
        // the messages that were in the mailbox when Dovecot answered (the corpus may have grown since)
        List<String> recorded = List.of(lines.get(0).substring("#messages\t".length()).split(" "));
        Map<String, MessageSummary> summaries = new LinkedHashMap<>();
        for (String name : recorded) {
            summaries.put(name, MimeParser.parse(dir.resolve(name)).summary());
        }
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(line -> {
            String[] cols = line.split("\t", -1);
            String key = cols[0];
            String needle = cols[1];
            List<String> expected = cols[2].isEmpty() ? List.of() : List.of(cols[2].split(" "));
            return DynamicTest.dynamicTest(key + " " + needle, () -> {
                List<String> found = new ArrayList<>();
                for (var e : summaries.entrySet()) {
                    Path file = dir.resolve(e.getKey());
                    boolean hit = key.equals("BODY")
                            ? MessageSearch.bodyContains(e.getValue(), MessageSearch.of(file), needle)
                            : MessageSearch.textContains(e.getValue(), MessageSearch.of(file), needle);
                    if (hit) {
                        found.add(e.getKey());
                    }
                }
                assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
            });
        });
    }
}
