package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BinaryContentTest {

    private static Path resource(String name) throws Exception {
        return Path.of(BinaryContentTest.class.getResource("/binary/" + name).toURI());
    }

    private static byte[] binary(byte[] stored, List<Integer> part) throws Exception {
        Optional<BinaryContent> c = content(stored, part);
        assertThat(c).isPresent();
        try (InputStream in = c.get().open()) {
            byte[] out = in.readAllBytes();
            assertThat(c.get().measure().size()).isEqualTo(out.length);
            return out;
        }
    }

    private static Optional<BinaryContent> content(byte[] stored, List<Integer> part) throws Exception {
        MessageSummary summary = MessageSummary.of(MimeParser.parse(stored).root());
        return BinaryContent.of(summary, part, () -> new ByteArrayInputStream(stored));
    }

    private static byte[] lf(byte[] crlf) {
        return new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void wholeMessageAndNonLeafPartsAreWhatDovecotAnswers() throws Exception {
        byte[] eml = Files.readAllBytes(resource("parts.eml"));
        // stored with CRLF (as received) or LF (as Maildir keeps it): the same answer
        for (byte[] stored : List.of(eml, lf(eml))) {
            assertThat(binary(stored, List.of())).isEqualTo(Files.readAllBytes(resource("parts.binary")));
            assertThat(binary(stored, List.of(4))).isEqualTo(Files.readAllBytes(resource("parts.4.binary")));
            assertThat(binary(stored, List.of(5))).isEqualTo(Files.readAllBytes(resource("parts.5.binary")));
        }
        byte[] qp = Files.readAllBytes(resource("qp-single.eml"));
        assertThat(binary(qp, List.of())).isEqualTo(Files.readAllBytes(resource("qp-single.binary")));
        assertThat(binary(lf(qp), List.of())).isEqualTo(Files.readAllBytes(resource("qp-single.binary")));
    }

    @Test
    void leavesAreDecoded() throws Exception {
        byte[] eml = Files.readAllBytes(resource("parts.eml"));
        assertThat(binary(eml, List.of(1))).asString().isEqualTo("plain 7bit text");
        assertThat(binary(eml, List.of(2))).isEqualTo("\0\1\2hello\0world".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(binary(eml, List.of(3))).isEqualTo("caf\u00e9 au lait soft break=".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(binary(eml, List.of(4, 1))).asString().isEqualTo("inner body");
        assertThat(binary(eml, List.of(5, 1))).asString().isEqualTo("padding");
        assertThat(binary(eml, List.of(1, 1))).asString().isEqualTo("plain 7bit text");
        assertThat(content(eml, List.of(6))).isEmpty();
        assertThat(content(eml, List.of(1, 2))).isEmpty();
    }

    @Test
    void largeBase64PartsDecodeExactly() throws Exception {
        java.util.Random random = new java.util.Random(3);
        for (int size : new int[] {0, 1, 2, 3, 8191, 8192, 200_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String encoded = java.util.Base64.getMimeEncoder().encodeToString(data);
            for (String eol : List.of("\r\n", "\n")) {
                byte[] m = ("Content-Type: multipart/mixed; boundary=b" + eol + eol + "--b" + eol
                        + "Content-Transfer-Encoding: base64" + eol + eol + encoded.replace("\r\n", eol) + eol + "--b--" + eol)
                        .getBytes(StandardCharsets.ISO_8859_1);
                assertThat(binary(m, List.of(1))).as("size %d", size).isEqualTo(data);
            }
        }
    }

    @Test
    void literal8WhereDovecotUsesIt() throws Exception {
        byte[] eml = Files.readAllBytes(resource("parts.eml"));
        assertThat(content(eml, List.of(1)).orElseThrow().measure().binary()).isFalse();
        assertThat(content(eml, List.of(2)).orElseThrow().measure().binary()).isTrue();
        assertThat(content(eml, List.of(5, 1)).orElseThrow().measure().binary()).isTrue(); // decoded, no NUL
        assertThat(content(eml, List.of(5, 2)).orElseThrow().measure().binary()).isFalse(); // 8bit
        byte[] nul8bit = "Content-Transfer-Encoding: 8bit\r\n\r\na\0b".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(content(nul8bit, List.of(1)).orElseThrow().measure()).isEqualTo(new BinaryContent.Measure(3, true));
    }

    @Test
    void binaryBodiesGoOutAsStoredOthersWithCrlf() throws Exception {
        byte[] m = ("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: binary\n\nx\ny\rz\n"
                + "--b\nContent-Transfer-Encoding: 8bit\n\nx\ny\n--b--\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(binary(m, List.of(1))).asString().isEqualTo("x\ny\rz");
        assertThat(binary(m, List.of(2))).asString().isEqualTo("x\r\ny");
    }

    @Test
    void unknownEncodingsFailAndOnlyWhereTheyAre() throws Exception {
        byte[] m = ("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: x-uuencode\n\nbegin\n"
                + "--b\n\nfine\n--b--\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> content(m, List.of(1))).isInstanceOf(BinaryContent.UnknownEncodingException.class);
        assertThatThrownBy(() -> content(m, List.of())).isInstanceOf(BinaryContent.UnknownEncodingException.class);
        assertThat(binary(m, List.of(2))).asString().isEqualTo("fine");
    }

    @Test
    void encodingFieldIsMovedToTheEndOfTheHeader() {
        assertThat(rewrite("Content-Transfer-Encoding: base64\r\nContent-Type: text/plain\r\n\r\n"))
                .isEqualTo("Content-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        assertThat(rewrite("content-transfer-encoding:\r\n  BASE64\r\nX-A: 1\r\n\r\n"))
                .isEqualTo("X-A: 1\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        assertThat(rewrite("Content-Transfer-Encodings: x\r\nX: y")).isEqualTo("Content-Transfer-Encodings: x\r\nX: y\r\n"
                + "Content-Transfer-Encoding: binary\r\n");
        assertThat(rewrite("\r\n")).isEqualTo("Content-Transfer-Encoding: binary\r\n\r\n");
    }

    private static String rewrite(String header) {
        return new String(BinaryContent.HeaderRewrite.withBinaryEncoding(header.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void literal8AppendReencodesBinaryPartsAsDovecotStoresThem() throws Exception {
        for (String name : List.of("append-multipart", "append-single")) {
            byte[] sent = Files.readAllBytes(resource(name + ".eml"));
            MessageSummary summary = MessageSummary.of(MimeParser.parse(sent).root());
            byte[] saved;
            try (InputStream in = BinaryPartEncoder.encode(summary, () -> new ByteArrayInputStream(sent)).orElseThrow()) {
                saved = in.readAllBytes();
            }
            // storage keeps LF line ends, as Dovecot's file
            assertThat(new String(lf(saved), StandardCharsets.ISO_8859_1))
                    .isEqualTo(Files.readString(resource(name + ".stored"), StandardCharsets.ISO_8859_1));
            // and BINARY gives back what was sent
            MessageSummary stored = MessageSummary.of(MimeParser.parse(saved).root());
            byte[] original = binary(sent, List.of(1));
            try (InputStream in = BinaryContent.of(stored, List.of(1), () -> new ByteArrayInputStream(saved)).orElseThrow().open()) {
                assertThat(in.readAllBytes()).isEqualTo(original);
            }
        }
        byte[] plain = "Subject: x\r\nContent-Transfer-Encoding: 8bit\r\n\r\na\0b\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BinaryPartEncoder.encode(MessageSummary.of(MimeParser.parse(plain).root()), () -> new ByteArrayInputStream(plain)))
                .isEmpty();
    }

    @Test
    void encodingFieldIsReplacedInPlace() {
        assertThat(new String(BinaryContent.HeaderRewrite.withEncodingInPlace(
                "A: 1\r\ncontent-transfer-encoding: BINARY\r\n (comment)\r\nB: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "base64"), StandardCharsets.ISO_8859_1))
                .isEqualTo("A: 1\r\nContent-Transfer-Encoding: base64\r\nB: 2\r\n\r\n");
    }

    @Test
    void measureRoundTripsThroughTheCacheForm() {
        BinaryContent.Measure m = new BinaryContent.Measure(1L << 40 | 7, true);
        assertThat(BinaryContent.Measure.fromBytes(m.toBytes())).contains(m);
        assertThat(BinaryContent.Measure.fromBytes(new byte[3])).isEmpty();
    }

    /** Every part of every message of the MIME corpus: BINARY answers, in exactly the size it announces. */
    @TestFactory
    Stream<DynamicTest> everyCorpusPartDecodesToItsMeasuredSize() throws Exception {
        return ReferenceCorpusTest.messages().stream().map(eml -> DynamicTest.dynamicTest(eml.getFileName().toString(), () -> {
            byte[] stored = Files.readAllBytes(eml);
            MessageSummary summary = MessageSummary.of(MimeParser.parse(stored).root());
            List<List<Integer>> parts = new ArrayList<>();
            parts.add(List.of());
            collect(summary.root(), new ArrayList<>(), parts);
            for (List<Integer> part : parts) {
                Optional<BinaryContent> c;
                try {
                    c = BinaryContent.of(summary, part, () -> new ByteArrayInputStream(stored));
                } catch (BinaryContent.UnknownEncodingException e) {
                    continue;
                }
                assertThat(c).as("part %s", part).isPresent();
                try (InputStream in = c.get().open()) {
                    assertThat((long) in.readAllBytes().length).as("part %s", part).isEqualTo(c.get().measure().size());
                }
            }
        }));
    }

    private static void collect(BodyPart p, List<Integer> path, List<List<Integer>> out) throws IOException {
        if (p.isMultipart()) {
            for (int i = 0; i < p.children().size(); i++) {
                List<Integer> child = new ArrayList<>(path);
                child.add(i + 1);
                out.add(child);
                collect(p.children().get(i), child, out);
            }
        } else if (p.message() != null) {
            collect(p.message().root(), path, out);
        } else if (path.isEmpty()) {
            out.add(List.of(1));
        }
    }
}
