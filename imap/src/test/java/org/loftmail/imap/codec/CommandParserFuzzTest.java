package org.loftmail.imap.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.loftmail.core.fuzz.Mutator;
import org.loftmail.core.mail.UidSet;

/**
 * Fuzzes the IMAP command codec: a mutated command line (with its literals) is split by {@link CommandInput},
 * then its tag, name and arguments are read the way the commands read them (sequence sets, FETCH items, SEARCH
 * programs and RETURN options, flags, dates, astrings, literals). It either parses or fails with an
 * {@link ImapSyntaxException} (or SEARCH's BADCHARSET refusal); never another exception and never a hang.
 */
class CommandParserFuzzTest {

    /** Inputs are bounded like the wire bounds a command line; allocation stays proportional to this. */
    private static final int MAX_INPUT = 64 * 1024;

    private static final List<String> TOKENS = List.of(" ", "(", ")", "[", "]", "<", ">", "<0.10>", "\"", "\\",
            "{5}\r\nhello", "{0}\r\n", "{3+}\r\nabc", "{4294967296}\r\n", "{-1}\r\n", "~{2}\r\nab", "*", ":", ",",
            "1:*", "$", "4294967295", "4294967296", "0", "99999999999999999999", "\r\n", "\u0000", "é", "📧",
            "BODY[HEADER.FIELDS (FROM TO)]", "BODY.PEEK[1.2.MIME]", "BINARY[1]", "BINARY.SIZE[2]", "RFC822.SIZE",
            "ENVELOPE", "BODYSTRUCTURE", "FLAGS", "UID", "MODSEQ", "(CHANGEDSINCE 1)", "CHARSET UTF-8 ",
            "CHARSET x-unknown ", "OR ", "NOT ", "HEADER Subject x", "SENTBEFORE 1-Jan-2020", "ON 31-Feb-2020",
            "LARGER 10", "SMALLER ", "KEYWORD $Junk", "RETURN (MIN MAX COUNT SAVE)", "RETURN ()", "\\Seen",
            "\\Flagged", "+FLAGS.SILENT ", "-FLAGS ", "\"17-Jul-1996 02:44:25 -0700\"", "\"99-Foo-9999 99:99:99 +9999\"",
            "UID ", "FETCH ", "SEARCH ", "STORE ", "APPEND ", "LIST ", "LOGIN ", "%", "&AOk-");

    private static final SequenceResolver MAILBOX_OF_TEN = new SequenceResolver() {
        @Override
        public UidSet sequenceNumbers(SequenceSet set) {
            return set.savedResult() ? UidSet.of(1, 2) : set.resolve(10);
        }

        @Override
        public UidSet uids(SequenceSet set) {
            return set.savedResult() ? UidSet.of(3) : set.resolve(20);
        }
    };

    @Test
    void mutatedCommandsParseOrFailWithASyntaxError() throws Exception {
        List<String> seeds = Mutator.corpus(Path.of("src/test/resources/fuzz/imap-command")).stream()
                .flatMap(file -> Arrays.stream(file.split("\n")))
                .map(line -> line.replace("\\r\\n", "\r\n"))
                .filter(line -> !line.isBlank())
                .toList();
        Mutator m = new Mutator(seeds, TOKENS);
        // the seeds themselves first, unmutated: the corpus keeps past crashes as regressions
        for (int i = 0; i < seeds.size(); i++) {
            check(seeds.get(i), "seed line " + i);
        }
        int n = Mutator.iterations(3000);
        for (int i = 0; i < n; i++) {
            check(m.next(), "seed " + m.seed + ", input " + i);
        }
    }

    private static void check(String text, String which) throws Exception {
        byte[] whole = text.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(whole, Math.min(MAX_INPUT, whole.length));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    parse(CommandInput.parse(input));
                } catch (ImapSyntaxException | SearchParser.BadCharsetException expected) {
                    // BAD (or NO [BADCHARSET]) is the right answer to a broken command
                }
            });
        } catch (Throwable t) {
            Path saved = Files.write(Path.of("target", "imap-command-fuzz-failure.txt"), input);
            fail(which + " (saved to " + saved.toAbsolutePath() + "): " + t, t);
        }
    }

    /** Reads a command the way the dispatcher and the commands read it, for the commands whose grammar is rich. */
    private static void parse(CommandInput input) {
        ArgumentReader r = new ArgumentReader(input);
        r.tag();
        r.sp();
        String name = r.atom().toUpperCase(Locale.ROOT);
        boolean uid = name.equals("UID");
        if (uid) {
            r.sp();
            name = r.atom().toUpperCase(Locale.ROOT);
        }
        if (r.atEnd()) return;
        r.sp();
        switch (name) {
            case "FETCH" -> {
                r.sequenceSet();
                r.sp();
                FetchParser.parse(r);
                if (!r.atEnd()) {
                    r.sp();
                    r.expect('(');
                    r.atom();
                    r.sp();
                    r.number();
                    r.expect(')');
                }
                r.end();
            }
            case "SEARCH" -> {
                SearchReturn.parseIfPresent(r);
                SearchParser.parse(r, MAILBOX_OF_TEN);
            }
            case "STORE" -> {
                r.sequenceSet();
                r.sp();
                r.atom();
                r.sp();
                r.flagsOrFlag();
                r.end();
            }
            case "COPY", "MOVE" -> {
                r.sequenceSet();
                r.sp();
                r.astring();
                r.end();
            }
            case "APPEND" -> {
                r.astring();
                r.sp();
                if (r.peek() == '(') {
                    r.flagList();
                    r.sp();
                }
                if (r.peek() == '"') {
                    r.dateTime();
                    r.sp();
                }
                r.stringBytes();
                r.end();
            }
            case "LIST", "LSUB" -> {
                r.astring();
                r.sp();
                r.listMailbox();
                r.end();
            }
            case "LOGIN" -> {
                r.astring();
                r.sp();
                r.astring();
                r.end();
            }
            default -> r.restOfLine();
        }
    }
}
