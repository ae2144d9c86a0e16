package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants that hold for any input, checked on the corpus and on many seeded random mutations of it. */
class MimeParserPropertiesTest {

    /** Line ends are not part of what IMAP reports: LF-only and CRLF copies answer the same. */
    @Test
    void lfAndCrlfCopiesGiveTheSameAnswers(@TempDir Path dir) throws Exception {
        for (Path eml : ReferenceCorpusTest.messages()) {
            byte[] raw = Files.readAllBytes(eml);
            if (containsLoneCr(raw)) {
                continue; // a lone CR would change meaning when line ends are rewritten
            }
            byte[] lf = ByteStrings.bytes(ByteStrings.of(raw).replace("\r\n", "\n"));
            byte[] crlf = ByteStrings.bytes(ByteStrings.of(lf).replace("\n", "\r\n"));
            Path lfFile = dir.resolve("lf.eml");
            Path crlfFile = dir.resolve("crlf.eml");
            Files.write(lfFile, lf);
            Files.write(crlfFile, crlf);
            MessageSummary a = MimeParser.parse(lfFile).summary();
            MessageSummary b = MimeParser.parse(crlfFile).summary();
            String name = eml.getFileName().toString();
            assertThat(ByteStrings.of(a.bodyStructureBytes())).as(name).isEqualTo(ByteStrings.of(b.bodyStructureBytes()));
            assertThat(ByteStrings.of(a.envelopeBytes())).as(name).isEqualTo(ByteStrings.of(b.envelopeBytes()));
            assertThat(a.size()).as(name).isEqualTo(b.size()).isEqualTo(crlf.length);
            for (String section : sectionsOf(b)) {
                assertThat(read(lfFile, a.section(section).orElseThrow()))
                        .as(name + " BODY[" + section + "]")
                        .isEqualTo(read(crlfFile, b.section(section).orElseThrow()));
            }
        }
    }

    /** Random damage never throws, and every span lies inside its file and inside its parent. */
    @Test
    void damagedMessagesStillGiveWellFormedAnswers() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (Path eml : ReferenceCorpusTest.messages()) {
            corpus.add(Files.readAllBytes(eml));
        }
        Random random = new Random(20261123);
        for (int i = 0; i < 3000; i++) {
            byte[] raw = mutate(corpus.get(random.nextInt(corpus.size())), random);
            MessageSummary s = MimeParser.parse(raw).summary();
            assertThat(s.size()).isEqualTo(new CrlfInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes().length);
            checkSpans(s.root(), 0, raw.length);
            assertBalanced(s.bodyStructureBytes());
            assertBalanced(s.bodyBytes());
            assertBalanced(s.envelopeBytes());
            assertThat(MessageSummary.fromBytes(s.toBytes())).isEqualTo(s);
        }
    }

    @Test
    void deepNestingIsCutOffNotFollowedForever() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("\r\ndeep\r\n");
        MessageSummary s = MimeParser.parse(ByteStrings.bytes(sb.toString())).summary();
        int depth = 0;
        for (BodyPart p = s.root(); !p.children().isEmpty(); p = p.children().get(0)) {
            depth++;
        }
        assertThat(depth).isEqualTo(MimeParser.MAX_DEPTH);
        assertBalanced(s.bodyStructureBytes());
    }

    @Test
    void partCountIsBounded() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=x\r\n\r\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("--x\r\n\r\n");
        }
        MessageSummary s = MimeParser.parse(ByteStrings.bytes(sb.toString())).summary();
        assertThat(s.root().children().size()).isLessThan(MimeParser.MAX_PARTS);
        assertThat(s.size()).isEqualTo(sb.length());
    }

    /** A 300 MB message with a body of one line is parsed without holding it: the heap would not fit it. */
    @Test
    void hugeBodiesAreStreamed() throws IOException {
        long bodySize = 300L * 1024 * 1024;
        byte[] head = ByteStrings.bytes("Subject: big\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ByteStrings.bytes("\r\n--q--\r\n");
        InputStream in = new InputStream() {
            long pos;
            final long total = head.length + bodySize + tail.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++) {
                    long p = pos + i;
                    b[off + i] = p < head.length ? head[(int) p]
                            : p < head.length + bodySize ? (byte) 'A' : tail[(int) (p - head.length - bodySize)];
                }
                pos += n;
                return n;
            }
        };
        MessageSummary s = MimeParser.parse(in).summary();
        assertThat(s.root().children()).hasSize(1);
        assertThat(s.root().children().get(0).body().size()).isEqualTo(bodySize);
        assertThat(s.envelope().subject()).isEqualTo("big");
    }

    static boolean containsLoneCr(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
                return true;
            }
        }
        return false;
    }

    static List<String> sectionsOf(MessageSummary s) {
        List<String> out = new ArrayList<>(List.of("", "HEADER", "TEXT"));
        collect(s.root(), "", out);
        return out;
    }

    private static void collect(BodyPart p, String prefix, List<String> out) {
        List<BodyPart> kids = p.isMultipart() ? p.children() : List.of(p);
        for (int i = 0; i < kids.size(); i++) {
            String id = prefix + (i + 1);
            out.add(id);
            out.add(id + ".MIME");
            BodyPart k = kids.get(i);
            if (k.message() != null) {
                out.add(id + ".HEADER");
                out.add(id + ".TEXT");
                collect(k.message().root(), id + ".", out);
            } else if (k.isMultipart()) {
                collect(k, id + ".", out);
            }
        }
    }

    static byte[] read(Path file, Span span) throws IOException {
        try (InputStream in = CrlfInputStream.of(file, span)) {
            return in.readAllBytes();
        }
    }

    private static void checkSpans(BodyPart p, long from, long to) {
        for (Span s : List.of(p.header(), p.body())) {
            assertThat(s.offset()).isBetween(from, to);
            assertThat(s.end()).isBetween(from, to);
        }
        assertThat(p.header().end()).isLessThanOrEqualTo(p.body().offset());
        for (BodyPart c : p.children()) {
            checkSpans(c, p.body().offset(), p.body().end());
        }
        if (p.message() != null) {
            checkSpans(p.message().root(), p.body().offset(), p.body().end());
        }
    }

    /** Parentheses balance outside quoted strings and literals. */
    static void assertBalanced(byte[] imap) {
        int depth = 0;
        for (int i = 0; i < imap.length; i++) {
            byte c = imap[i];
            if (c == '"') {
                for (i++; imap[i] != '"'; i++) {
                    if (imap[i] == '\\') {
                        i++;
                    }
                    assertThat(imap[i]).isNotIn((byte) '\r', (byte) '\n');
                }
            } else if (c == '{') {
                int close = i;
                while (imap[close] != '}') {
                    close++;
                }
                int n = Integer.parseInt(new String(imap, i + 1, close - i - 1, java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(imap[close + 1]).isEqualTo((byte) '\r');
                assertThat(imap[close + 2]).isEqualTo((byte) '\n');
                i = close + 2 + n;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                assertThat(depth).isNotNegative();
            }
        }
        assertThat(depth).isZero();
    }

    static byte[] mutate(byte[] base, Random r) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < base.length; i++) {
            if (base[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(base, start, i + 1));
                start = i + 1;
            }
        }
        if (start < base.length) {
            lines.add(java.util.Arrays.copyOfRange(base, start, base.length));
        }
        String[] inserts = {"--\r\n", "--b1\r\n", "--inner--\n", "\r\n", "\n", " folded\r\n",
                "Content-Type: multipart/mixed; boundary=b1\r\n", "Content-Type: message/rfc822\r\n",
                "To: a@b, \"c\" <d@e>, (x\r\n", "Content-Disposition: x; filename*0*=utf-8''%; filename*1=\"\r\n"};
        int ops = 1 + r.nextInt(6);
        for (int k = 0; k < ops; k++) {
            if (lines.isEmpty()) {
                lines.add(new byte[] {'\n'});
            }
            int i = r.nextInt(lines.size());
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> lines.add(i, ByteStrings.bytes(inserts[r.nextInt(inserts.length)]));
                case 3 -> lines.set(i, java.util.Arrays.copyOf(lines.get(i), r.nextInt(lines.get(i).length + 1)));
                case 4 -> {
                    byte[] l = lines.get(i).clone();
                    if (l.length > 0) {
                        l[r.nextInt(l.length)] = (byte) r.nextInt(256);
                    }
                    lines.set(i, l);
                }
                case 5 -> lines.subList(i, lines.size()).clear();
                default -> {
                    byte[] l = lines.get(i);
                    lines.set(i, ByteStrings.bytes(ByteStrings.of(l).replace("\r\n", "\n")));
                }
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
