package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.core.fuzz.Mutator;

/**
 * Fuzzes the MIME parser and the IMAP rendering of what it found: every mutated message parses, and its ENVELOPE,
 * BODYSTRUCTURE and BODY are well-formed IMAP (parentheses balanced, quoted strings closed, literals whole), and
 * the stored summary decodes to the same rendering.
 */
class MimeStructureFuzzTest {

    private static final List<String> TOKENS = List.of("\r\n", "\n", "\r\n\r\n", "--", "--b\r\n", "--b--\r\n",
            "Content-Type: multipart/mixed; boundary=b\r\n", "Content-Type: message/rfc822\r\n",
            "Content-Type: text/plain; charset=\"utf-8\"; name*0=a; name*1*=utf-8''%C3%A9\r\n",
            "Content-Transfer-Encoding: base64\r\n", "Content-Disposition: attachment; filename=\"a\\\"b\"\r\n",
            "Content-Language: en, de\r\n", "Content-Location: x\r\n", "Subject: =?utf-8?q?a=C3=A9?=\r\n",
            "From: \"A \\\" B\" <a@b>\r\n", "To: group: a@b, (c) <d@e>;\r\n", "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n",
            "Message-ID: <x@y>\r\n", "In-Reply-To: <\r\n", "\"", "\\", "(", ")", ";", "=", "=?", "?=", "<", ">", "@",
            ",", ":", " ", "\t", "\u0000", "\u007f", "é", "📧", "{5}\r\n", "boundary=", "*0*=", "%");

    @Test
    void mutatedMessagesParseAndRenderWellFormedStructures() throws Exception {
        Mutator m = new Mutator(Mutator.corpus(Path.of("src/test/resources/fuzz/mime")), TOKENS);
        int n = Mutator.iterations(1500);
        for (int i = 0; i < n; i++) {
            byte[] input = m.next().getBytes(StandardCharsets.UTF_8);
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(input));
            } catch (Throwable t) {
                Path saved = Files.write(Path.of("target", "mime-fuzz-failure.eml"), input);
                fail("seed " + m.seed + ", input " + i + " (saved to " + saved.toAbsolutePath() + "): " + t, t);
            }
        }
    }

    private static void check(byte[] input) {
        MessageSummary summary = MimeParser.parse(input).summary();
        byte[] envelope = summary.envelopeBytes();
        byte[] structure = summary.bodyStructureBytes();
        byte[] body = summary.bodyBytes();
        wellFormed("ENVELOPE", envelope);
        wellFormed("BODYSTRUCTURE", structure);
        wellFormed("BODY", body);
        MessageSummary stored = MessageSummary.fromBytes(summary.toBytes());
        assertArrayEquals(envelope, stored.envelopeBytes(), "ENVELOPE after the stored round trip");
        assertArrayEquals(structure, stored.bodyStructureBytes(), "BODYSTRUCTURE after the stored round trip");
    }

    /** One parenthesised IMAP value: balanced lists, closed quoted strings, literals with their bytes, no CR/LF. */
    static void wellFormed(String what, byte[] b) {
        String shown = what + " " + new String(b, StandardCharsets.ISO_8859_1);
        if (b.length == 0 || b[0] != '(') throw new AssertionError("does not start with '(': " + shown);
        int depth = 0;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c == '"') {
                i++;
                while (i < b.length && b[i] != '"') {
                    if (b[i] == '\r' || b[i] == '\n') throw new AssertionError("line break in a quoted string: " + shown);
                    i += b[i] == '\\' ? 2 : 1;
                }
                if (i >= b.length) throw new AssertionError("unclosed quoted string: " + shown);
                i++;
            } else if (c == '{') {
                int close = i + 1;
                while (close < b.length && b[close] >= '0' && b[close] <= '9') close++;
                if (close == i + 1 || close + 2 >= b.length || b[close] != '}' || b[close + 1] != '\r'
                        || b[close + 2] != '\n') {
                    throw new AssertionError("malformed literal at " + i + ": " + shown);
                }
                long size = Long.parseLong(new String(b, i + 1, close - i - 1, StandardCharsets.US_ASCII));
                i = close + 3;
                if (size > b.length - i) throw new AssertionError("literal longer than the value: " + shown);
                i += (int) size;
            } else {
                if (c == '\r' || c == '\n') throw new AssertionError("line break outside a literal: " + shown);
                if (c == '(') depth++;
                if (c == ')' && --depth < 0) throw new AssertionError("unbalanced ')' at " + i + ": " + shown);
                if (depth == 0 && i != b.length - 1) throw new AssertionError("text after the value: " + shown);
                i++;
            }
        }
        if (depth != 0) throw new AssertionError("unclosed '(': " + shown);
    }
}
