package org.loftmail.core.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeParser;

class MessageDataCodecTest {

    private static final String MESSAGE = "Subject: =?UTF-8?Q?R=C3=A9port?=\r\nFrom: a@example.com\r\nX-Tag: one\r\n"
            + "Received: x\r\nsubject: second\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b--\r\n";

    private static MessageData parsed() {
        return MessageData.of(MimeParser.parse(MESSAGE.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aFullParseKeepsStructureAndTheStandardFieldsOnly() {
        MessageData d = parsed();
        assertThat(d.summary()).hasValueSatisfying(s -> assertThat(s.root().children()).hasSize(1));
        assertThat(d.header("SUBJECT").orElseThrow().fields()).extracting(HeaderField::rawValue)
                .containsExactly("=?UTF-8?Q?R=C3=A9port?=", "second");
        assertThat(d.header("To").orElseThrow().fields()).isEmpty(); // looked at, absent
        assertThat(d.header("X-Tag")).isEmpty(); // not looked at
        assertThat(d.fields()).extracting(HeaderField::name).doesNotContain("Received", "X-Tag");
    }

    @Test
    void encodedRecordsDecodeToTheSameDataAndTheFastPathsAgree() {
        MessageData d = parsed().withHeader(MimeParser.parse(MESSAGE.getBytes(StandardCharsets.ISO_8859_1)).header(), List.of("X-Tag"))
                .withBinarySize("1", new BinaryContent.Measure(3, false));
        byte[] raw = MessageDataCodec.encode(d);
        MessageData back = MessageDataCodec.decode(raw).orElseThrow();
        assertThat(back.fieldNames()).isEqualTo(d.fieldNames());
        assertThat(back.fields()).isEqualTo(d.fields());
        assertThat(back.binarySizes()).isEqualTo(d.binarySizes());
        assertThat(back.structure()).isEqualTo(d.structure());
        assertThat(MessageDataCodec.structure(raw)).hasValueSatisfying(s -> assertThat(s).isEqualTo(d.structure()));
        for (String name : List.of("subject", "x-tag", "to", "from")) {
            assertThat(MessageDataCodec.header(raw, name)).as(name).isEqualTo(d.header(name));
        }
        assertThat(MessageDataCodec.header(raw, "received")).isEmpty();
    }

    @Test
    void damagedOrForeignBytesDecodeAsNothingKnown() {
        byte[] raw = MessageDataCodec.encode(parsed());
        for (int cut = 0; cut < raw.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(raw, cut);
            assertThat(MessageDataCodec.decode(part)).as("cut at " + cut).isEmpty();
        }
        byte[] other = raw.clone();
        other[0] = 2;
        assertThat(MessageDataCodec.decode(other)).isEmpty();
        assertThat(MessageDataCodec.structure(other)).isEmpty();
        assertThat(MessageDataCodec.header(other, "subject")).isEmpty();
        byte[] huge = raw.clone();
        huge[1] = (byte) 0xff; // a structure length beyond the end
        assertThat(MessageDataCodec.decode(huge)).isEmpty();
        assertThat(MessageDataCodec.structure(huge)).isEmpty();
    }

    @Test
    void mergeKeepsWhatEitherSideLearned() {
        MimeHeader header = MimeParser.parse(MESSAGE.getBytes(StandardCharsets.ISO_8859_1)).header();
        MessageData fromSearch = MessageData.EMPTY.withHeader(header, List.of("x-tag", "subject"));
        MessageData fromFetch = parsed().withBinarySize("1", new BinaryContent.Measure(3, false));
        MessageData merged = fromFetch.merge(fromSearch);
        assertThat(merged.summary()).isPresent();
        assertThat(merged.header("X-Tag").orElseThrow().firstValue("X-Tag")).isEqualTo("one");
        assertThat(merged.header("Subject").orElseThrow().fields()).hasSize(2);
        assertThat(merged.binarySizes()).containsKey("1");
        assertThat(fromSearch.merge(fromFetch).summary()).isPresent();
        assertThat(MessageData.EMPTY.merge(MessageData.EMPTY).header("subject")).isEqualTo(Optional.empty());
    }
}
