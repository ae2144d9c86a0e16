package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every message under resources/mime/ against what Dovecot 2.3.19 answered for it (recorded by
 * dovecot_expect.py): BODYSTRUCTURE, BODY, ENVELOPE, RFC822.SIZE, and the length and SHA-1 of every
 * BODY[section] extracted by seeking in the raw file.
 */
class DovecotCorpusTest {

    static Path corpus() throws URISyntaxException {
        return Path.of(DovecotCorpusTest.class.getResource("/mime/simple-text.eml").toURI()).getParent();
    }

    static List<Path> messages() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    static Path sibling(Path eml, String ext) {
        String n = eml.getFileName().toString();
        return eml.resolveSibling(n.substring(0, n.length() - 4) + ext);
    }

    static String show(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @TestFactory
    Stream<DynamicTest> structureMatchesDovecot() throws Exception {
        return messages().stream().map(eml -> DynamicTest.dynamicTest(eml.getFileName().toString(), () -> {
            MessageSummary s = MimeParser.parse(eml).summary();
            assertThat(show(s.bodyStructureBytes())).as("BODYSTRUCTURE")
                    .isEqualTo(show(Files.readAllBytes(sibling(eml, ".bodystructure"))));
            assertThat(show(s.bodyBytes())).as("BODY").isEqualTo(show(Files.readAllBytes(sibling(eml, ".body"))));
            assertThat(show(s.envelopeBytes())).as("ENVELOPE")
                    .isEqualTo(show(Files.readAllBytes(sibling(eml, ".envelope"))));
        }));
    }

    @TestFactory
    Stream<DynamicTest> sectionsMatchDovecot() throws Exception {
        return messages().stream().map(eml -> DynamicTest.dynamicTest(eml.getFileName().toString(), () -> {
            MessageSummary s = MimeParser.parse(eml).summary();
            for (String line : Files.readAllLines(sibling(eml, ".sections"))) {
                if (line.startsWith("RFC822.SIZE ")) {
                    assertThat(s.size()).as("RFC822.SIZE").isEqualTo(Long.parseLong(line.substring(12)));
                    continue;
                }
                String section = line.substring(1, line.indexOf(']'));
                String expected = line.substring(line.indexOf(']') + 2);
                Optional<Span> span = s.section(section);
                String actual;
                if (span.isEmpty()) {
                    actual = "0 da39a3ee5e6b4b0d3255bfef95601890afd80709";
                } else {
                    byte[] data;
                    try (InputStream in = CrlfInputStream.of(eml, span.get(), true)) {
                        data = in.readAllBytes();
                    }
                    assertThat((long) data.length).as("size of " + section).isEqualTo(span.get().size());
                    actual = data.length + " " + sha1(data);
                }
                assertThat(actual).as("BODY[" + section + "]").isEqualTo(expected);
            }
        }));
    }

    static String sha1(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }
}
