package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HeaderOnlyParseTest {

    @Test
    void everyCorpusMessageGetsTheHeaderTheFullParseGives() throws Exception {
        for (Path p : ReferenceCorpusTest.messages()) {
            byte[] raw = Files.readAllBytes(p);
            assertThat(MimeParser.parseHeader(new ByteArrayInputStream(raw)))
                    .as(p.getFileName().toString())
                    .isEqualTo(MimeParser.parse(raw).root().header());
        }
    }

    @Test
    void stopsReadingAtTheBlankLine() throws IOException {
        for (String text : new String[] {
            "Subject: a\r\n folded\r\nFrom: x@y\r\n\r\nBODY line\r\n\r\nSubject: not a header\r\n",
            "Subject: a\n\tfolded\nFrom: x@y\n\nBODY\n",
            "Subject: lf then crlf\n\r\nBODY\n",
            "Subject: no body at all",
            "\r\nBODY Subject: in the body\r\n",
            "Subject: cr alone\r\rX: y\r\n\r\nBODY\r\n"}) {
            byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
            MimeHeader header = MimeParser.parseHeader(new ByteArrayInputStream(raw));
            assertThat(header).as(text).isEqualTo(MimeParser.parse(raw).root().header());
            byte[] seen = new HeaderBlockInputStream(new ByteArrayInputStream(raw)).readAllBytes();
            int bodyAt = text.indexOf("BODY");
            assertThat(seen.length).as(text).isEqualTo(bodyAt >= 0 ? bodyAt : raw.length);
        }
    }
}
