package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StructureCodecTest {

    @Test
    void everyCorpusMessageRoundTrips() throws Exception {
        for (Path eml : ReferenceCorpusTest.messages()) {
            MessageSummary s = MimeParser.parse(eml).summary();
            byte[] bytes = s.toBytes();
            MessageSummary back = MessageSummary.fromBytes(bytes);
            assertThat(back).as(eml.toString()).isEqualTo(s);
            assertThat(back.bodyStructureBytes()).isEqualTo(s.bodyStructureBytes());
            assertThat(back.envelopeBytes()).isEqualTo(s.envelopeBytes());
        }
    }

    @Test
    void isCompact() throws Exception {
        Path eml = ReferenceCorpusTest.corpus().resolve("multipart-nested.eml");
        MessageSummary s = MimeParser.parse(eml).summary();
        assertThat(s.toBytes().length).isLessThan(s.bodyStructureBytes().length + s.envelopeBytes().length);
    }

    @Test
    void damagedBytesAreRejectedCleanly() throws Exception {
        Random random = new Random(42);
        for (Path eml : ReferenceCorpusTest.messages()) {
            byte[] good = MimeParser.parse(eml).summary().toBytes();
            for (int cut = 0; cut < good.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(good, cut);
                assertThatThrownBy(() -> MessageSummary.fromBytes(truncated))
                        .isInstanceOf(StructureCodec.CorruptStructureException.class);
            }
            for (int i = 0; i < 200; i++) {
                byte[] bad = good.clone();
                bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
                try {
                    MessageSummary.fromBytes(bad);
                } catch (StructureCodec.CorruptStructureException expected) {
                    // fine: detected
                }
            }
        }
    }

    @Test
    void unknownVersionIsRejected() {
        assertThatThrownBy(() -> MessageSummary.fromBytes(new byte[] {9}))
                .isInstanceOf(StructureCodec.CorruptStructureException.class).hasMessageContaining("version");
    }
}
