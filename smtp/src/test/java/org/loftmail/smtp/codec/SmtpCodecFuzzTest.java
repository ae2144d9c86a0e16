package org.loftmail.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loftmail.core.fuzz.Mutator;

/**
 * Fuzzes the SMTP codec over whole mutated sessions: command lines are split into verb and arguments, MAIL and
 * RCPT paths (with their parameters and ORCPT) are parsed, and DATA content goes through the {@link DataReader}
 * until the end-of-data line. Every path is accepted or refused with a {@link SyntaxException} carrying a 5xx
 * reply; nothing else is ever thrown, and data lines are never cut wrongly.
 */
class SmtpCodecFuzzTest {

    private static final List<String> TOKENS = List.of("\r\n", "\n", "\r", ".", "\r\n.\r\n", " ", "<", ">", "<>",
            "@", ",", ":", "\"", "\\", "=", "+", "+4", "+zz", ";", "MAIL FROM:", "RCPT TO:", "DATA\r\n", "FROM:<",
            "TO:<", " SIZE=", " SIZE=99999999999999999999", " BODY=BINARYMIME", " AUTH=", " ORCPT=rfc822;",
            " NOTIFY=SUCCESS,FAILURE", " RET=HDRS", " ENVID=x", "@a,@b:", "[127.0.0.1]", "[IPv6:::1]", "\u0000",
            "\u007f", "é", "📧", "x".repeat(300));

    @Test
    void mutatedSessionsAreAcceptedOrRefusedWithAReply() throws Exception {
        Mutator m = new Mutator(Mutator.corpus(Path.of("src/test/resources/fuzz/smtp")), TOKENS);
        int n = Mutator.iterations(1500);
        for (int i = 0; i < n; i++) {
            byte[] input = m.next().getBytes(StandardCharsets.UTF_8);
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> session(input));
            } catch (Throwable t) {
                Path saved = Files.write(Path.of("target", "smtp-fuzz-failure.txt"), input);
                fail("seed " + m.seed + ", input " + i + " (saved to " + saved.toAbsolutePath() + "): " + t, t);
            }
        }
    }

    private static void session(byte[] input) {
        DataReader data = null;
        int from = 0;
        while (from < input.length) {
            int lf = from;
            while (lf < input.length && input[lf] != '\n') lf++;
            byte[] line = Arrays.copyOfRange(input, from, lf);
            from = lf + 1;
            if (data != null) {
                switch (data.read(line)) {
                    case DataReader.Line.End end -> data = null;
                    case DataReader.Line.Content content -> {
                        byte[] stored = content.copy();
                        if (stored.length > line.length) throw new AssertionError("content grew: " + content);
                    }
                }
                continue;
            }
            CommandLine command = CommandLine.parse(InputLine.withoutCr(line));
            try {
                switch (command.verb()) {
                    case "MAIL" -> PathArgument.parse(command.arguments(), "FROM:", true);
                    case "RCPT" -> {
                        PathArgument.parse(command.arguments(), "TO:", false, true);
                        PathArgument path = PathArgument.parse(command.arguments(), "TO:", false);
                        for (Map.Entry<String, String> param : path.params().entrySet()) {
                            if (param.getKey().equalsIgnoreCase("ORCPT") && param.getValue() != null) {
                                Orcpt.decode(param.getValue());
                            }
                        }
                    }
                    case "DATA" -> data = new DataReader();
                    default -> {
                        // other verbs take no path; the server answers them from the verb alone
                    }
                }
            } catch (SyntaxException refused) {
                int code = refused.reply().code();
                if (code < 500 || code > 599) throw new AssertionError("refusal is not permanent: " + refused.reply());
            }
        }
    }
}
