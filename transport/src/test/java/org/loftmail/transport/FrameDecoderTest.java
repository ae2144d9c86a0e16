package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final List<String> items = new ArrayList<>();

    private FrameDecoder decoder(LinePauser pauser, boolean lfOnly, int max) {
        return new FrameDecoder(ByteBufAllocator.DEFAULT, item -> items.add(describe(item)), pauser, lfOnly, max);
    }

    private static String describe(InputItem item) {
        return switch (item) {
            case InputItem.Line l -> "L:" + new String(l.bytes(), StandardCharsets.ISO_8859_1) + (l.pausing() ? "|P" : "");
            case InputItem.TooLong t -> "TOOLONG";
            case InputItem.Raw r -> "R:" + new String(r.bytes(), StandardCharsets.ISO_8859_1) + (r.last() ? "|last" : "");
        };
    }

    private static void feed(FrameDecoder d, String s) {
        d.feed(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    @Test
    void linesAreTheSameWhateverTheInputIsSplitAt() {
        String input = "a1 NOOP\r\nbare lf\nempty next\r\n\r\nlast\r\n";
        List<String> expected = List.of("L:a1 NOOP", "L:bare lf", "L:empty next", "L:", "L:last");
        for (int split = 0; split <= input.length(); split++) {
            items.clear();
            FrameDecoder d = decoder(LinePauser.NEVER, false, 100);
            feed(d, input.substring(0, split));
            feed(d, input.substring(split));
            assertThat(items).as("split at %d", split).isEqualTo(expected);
            d.release();
        }
    }

    @Test
    void byteByByteInputGivesTheSameLines() {
        FrameDecoder d = decoder(LinePauser.NEVER, false, 100);
        for (char c : "one\r\ntwo\r\n".toCharArray()) {
            feed(d, String.valueOf(c));
        }
        assertThat(items).containsExactly("L:one", "L:two");
        d.release();
    }

    @Test
    void authProtocolKeepsCarriageReturnsInLfOnlyMode() {
        FrameDecoder d = decoder(LinePauser.NEVER, true, 100);
        feed(d, "VERSION\t1\t0\r\n");
        assertThat(items).containsExactly("L:VERSION\t1\t0\r");
        d.release();
    }

    @Test
    void overLongLinesAreReportedAndDroppedAndTheNextLineStillArrives() {
        FrameDecoder d = decoder(LinePauser.NEVER, false, 10);
        feed(d, "x".repeat(5000));
        feed(d, "y".repeat(5000) + "\r\nok\r\n");
        feed(d, "0123456789A\r\nfine\r\n");
        assertThat(items).containsExactly("TOOLONG", "L:ok", "TOOLONG", "L:fine");
        d.release();
    }

    @Test
    void pausedDecoderHoldsPipelinedInputUntilTheSessionAsksForRawBytes() {
        FrameDecoder d = decoder(LinePauser.literalsAnd("STARTTLS"), false, 100);
        feed(d, "a APPEND INBOX {5+}\r\nhello)\r\nb NOOP\r\n");
        assertThat(items).containsExactly("L:a APPEND INBOX {5+}|P");
        d.resumeRaw(5);
        assertThat(items).containsExactly("L:a APPEND INBOX {5+}|P", "R:hello|last", "L:)", "L:b NOOP");
        d.release();
    }

    @Test
    void literal8DataWithNulAndLineEndsIsTheSameWhateverTheInputIsSplitAt() {
        // RFC 3516 APPEND: the session asks for the announced bytes, which may hold NUL, CR and LF
        String input = "a APPEND INBOX ~{7+}\r\nx\0\r\ny\nz\r\nb NOOP\r\n";
        for (int split = 0; split <= input.length(); split++) {
            items.clear();
            FrameDecoder d = decoder(LinePauser.literalsAnd(), false, 100);
            feed(d, input.substring(0, split));
            if (!items.isEmpty()) d.resumeRaw(7);
            feed(d, input.substring(split));
            if (items.size() == 1) d.resumeRaw(7);
            String raw = String.join("", items.stream().filter(i -> i.startsWith("R:")).map(i -> i.substring(2).replace("|last", "")).toList());
            assertThat(raw).as("split at %d", split).isEqualTo("x\0\r\ny\nz");
            assertThat(items.getFirst()).isEqualTo("L:a APPEND INBOX ~{7+}|P");
            assertThat(items.get(items.size() - 2)).as("split at %d", split).isEqualTo("L:");
            assertThat(items.getLast()).isEqualTo("L:b NOOP");
            d.release();
        }
    }

    @Test
    void rawRunsLongerThanAChunkArriveInPieces() {
        FrameDecoder d = decoder(LinePauser.literalsAnd(), false, 100);
        feed(d, "x {70000}\r\n");
        d.resumeRaw(70000);
        feed(d, "z".repeat(70000) + "\r\n");
        assertThat(items).hasSize(4);
        assertThat(items.get(1)).startsWith("R:").doesNotEndWith("|last");
        assertThat(items.get(2)).endsWith("|last");
        assertThat(items.get(3)).isEqualTo("L:");
        d.release();
    }

    @Test
    void startTlsDiscardsPlaintextPipelinedAfterIt() {
        FrameDecoder d = decoder(LinePauser.literalsAnd("STARTTLS"), false, 100);
        feed(d, "a STARTTLS\r\nb LOGIN injected\r\n");
        d.discardBufferedAndResume();
        feed(d, "c NOOP\r\n");
        assertThat(items).containsExactly("L:a STARTTLS|P", "L:c NOOP");
        d.release();
    }
}
