package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.LiteralAssembler;
import org.loftmail.transport.literal.LiteralPlan;
import org.loftmail.transport.literal.LiteralStream;

/**
 * The shared literal assembler behind the real frame decoder, fed every input split at every byte: what the
 * protocol sees (commands, continuation requests, refusals, streamed data) never depends on how the bytes arrived.
 * The test protocol's table: {@code REFUSE} is refused before its literal, {@code PUT} streams its literals (one per
 * line, refused above 9 bytes and after a refusal), everything else is buffered within 40 bytes.
 */
class LiteralAssemblerTest {

    /** Drives the decoder and the assembler the way NettyConnection and a session's executor do, on one thread. */
    private static final class Harness implements LiteralAssembler.Protocol {
        final List<String> events = new ArrayList<>();
        final Queue<InputItem> queue = new ArrayDeque<>();
        final FrameDecoder decoder = new FrameDecoder(ByteBufAllocator.DEFAULT, queue::add,
                LinePauser.literalsAnd(), false, 100);
        boolean rawAsked;
        final LiteralAssembler assembler = new LiteralAssembler(this, count -> {
            rawAsked = true;
            decoder.resumeRaw(count);
        });

        void feed(String bytes) throws InterruptedException {
            decoder.feed(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
            for (InputItem item = queue.poll(); item != null; item = queue.poll()) {
                switch (item) {
                    case InputItem.Line l -> {
                        rawAsked = false;
                        assembler.onLine(l.bytes());
                        if (l.pausing() && !rawAsked) decoder.resumeLines();
                    }
                    case InputItem.Raw r -> assembler.onRawData(r.bytes(), r.last());
                    case InputItem.TooLong t -> {
                        assembler.abandonCommand();
                        events.add("TOOLONG");
                    }
                }
            }
        }

        @Override
        public LiteralPlan plan(List<byte[]> lines, List<byte[]> literals, LiteralAnnouncement literal) {
            String first = text(lines.get(0));
            if (first.startsWith("REFUSE")) return new LiteralPlan.Refuse(() -> events.add("REFUSED " + first));
            if (first.startsWith("PUT")) return new LiteralPlan.Stream(new Put());
            return new LiteralPlan.Buffer(40, () -> events.add("TOO BIG " + first));
        }

        @Override
        public Runnable malformed(List<byte[]> lines, String fixedText) {
            return () -> events.add("MALFORMED " + fixedText);
        }

        @Override
        public void continueLiteral() {
            events.add("+");
        }

        @Override
        public void complete(List<byte[]> lines, List<byte[]> literals) {
            events.add("CMD " + String.join("|", lines.stream().map(Harness::text).toList()) + " LITS "
                    + String.join("|", literals.stream().map(Harness::text).toList()));
        }

        final class Put implements LiteralStream {
            private final StringBuilder data = new StringBuilder();
            private final List<String> saved = new ArrayList<>();
            private boolean failed;

            @Override
            public boolean accept(LiteralAnnouncement literal) {
                if (failed || literal.size() > 9) {
                    failed = true;
                    return false;
                }
                return true;
            }

            @Override
            public void data(byte[] chunk, boolean last) {
                data.append(text(chunk));
                if (last) {
                    saved.add(data.toString());
                    data.setLength(0);
                }
            }

            @Override
            public StreamStep lineAfterLiteral(byte[] line) {
                if (line.length == 0) {
                    events.add(failed ? "PUT FAILED after " + saved : "PUT " + saved);
                    return new StreamStep.Done();
                }
                if (text(line).startsWith(" BAD")) return new StreamStep.Refuse(() -> events.add("PUT BAD LINE"));
                return new StreamStep.Next(LiteralAnnouncement.at(line).orElseThrow());
            }

            @Override
            public void refusedBeforeData() {
                events.add("PUT REFUSED after " + saved);
            }

            @Override
            public void abort() {
                events.add("PUT ABORTED");
            }
        }

        static String text(byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    static Stream<Arguments> conversations() {
        return Stream.of(
                Arguments.of("buffered literals, synchronising and not",
                        "a LOGIN {5}\r\nalice {6+}\r\nsecret\r\nb NOOP\r\n",
                        List.of("+", "CMD a LOGIN {5}| {6+}| LITS alice|secret", "CMD b NOOP LITS ")),
                Arguments.of("an empty literal needs no raw read",
                        "a X {0}\r\n\r\n",
                        List.of("+", "CMD a X {0}| LITS ")),
                Arguments.of("literal data holding CR, LF and what looks like a command",
                        "a X {9+}\r\nb\r\nNOOP\n)\r\nc Y\r\n",
                        List.of("CMD a X {9+}| LITS b\r\nNOOP\n)", "CMD c Y LITS ")),
                Arguments.of("a refused command's non-synchronising literals are dropped before the answer",
                        "REFUSE {3+}\r\nabc {2+}\r\nde\r\nb NOOP\r\n",
                        List.of("REFUSED REFUSE {3+}", "CMD b NOOP LITS ")),
                Arguments.of("a refused synchronising literal is answered at once and never asked for",
                        "REFUSE {3}\r\nb NOOP\r\n",
                        List.of("REFUSED REFUSE {3}", "CMD b NOOP LITS ")),
                Arguments.of("over the command limit: refused, the announced data dropped",
                        "a X {50+}\r\n" + "z".repeat(50) + "\r\nb NOOP\r\n",
                        List.of("TOO BIG a X {50+}", "CMD b NOOP LITS ")),
                Arguments.of("the limit counts the whole command",
                        "a X {20+}\r\n" + "z".repeat(20) + " {15}\r\nb NOOP\r\n",
                        List.of("TOO BIG a X {20+}", "CMD b NOOP LITS ")),
                Arguments.of("a size with too many digits",
                        "a X {1234567890123456789012}\r\nb NOOP\r\n",
                        List.of("MALFORMED Literal size too large", "CMD b NOOP LITS ")),
                Arguments.of("a streamed command with two literals",
                        "PUT s {4+}\r\nabcd {3}\r\nxyz\r\nb NOOP\r\n",
                        List.of("+", "PUT [abcd, xyz]", "CMD b NOOP LITS ")),
                Arguments.of("a streamed literal refused: non-synchronising dropped, the command answered at its end",
                        "PUT s {12+}\r\n123456789012 {2+}\r\nxy\r\nb NOOP\r\n",
                        List.of("PUT FAILED after []", "CMD b NOOP LITS ")),
                Arguments.of("a streamed literal refused: synchronising answered at once",
                        "PUT s {3+}\r\nabc {12}\r\nb NOOP\r\n",
                        List.of("PUT REFUSED after [abc]", "CMD b NOOP LITS ")),
                Arguments.of("a wrong line inside a streamed command",
                        "PUT s {3+}\r\nabc BAD {2+}\r\nxy\r\nb NOOP\r\n",
                        List.of("PUT BAD LINE", "CMD b NOOP LITS ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void theSameWhateverTheInputIsSplitAt(String what, String input, List<String> expected) throws Exception {
        for (int split = 0; split <= input.length(); split++) {
            Harness h = new Harness();
            h.feed(input.substring(0, split));
            h.feed(input.substring(split));
            assertThat(h.events).as("split at %d", split).isEqualTo(expected);
            assertThat(h.assembler.betweenCommands()).isTrue();
            h.decoder.release();
        }
        Harness h = new Harness();
        for (char c : input.toCharArray()) h.feed(String.valueOf(c));
        assertThat(h.events).as("byte by byte").isEqualTo(expected);
        h.decoder.release();
    }

    @Test
    void anOverLongLineAbandonsTheCommandAndTheNextOneRuns() throws Exception {
        Harness h = new Harness();
        h.feed("PUT s {3+}\r\nabc");
        h.feed("x".repeat(300) + "\r\nb NOOP\r\n");
        assertThat(h.events).containsExactly("PUT ABORTED", "TOOLONG", "CMD b NOOP LITS ");
        h.decoder.release();
    }
}
