package org.loftmail.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A protocol conversation written as data. One directive per line:
 *
 * <pre>
 * # a comment (blank lines are ignored too)
 * C: a1 LOGIN ${user} secret     the client sends this line verbatim (after ${var} substitution) and CRLF
 * S: a1 OK .*                     the next server line must match this regular expression (whole line);
 *                                 named groups capture variables: S: \* OK \[UIDNEXT (?&lt;next&gt;\d+)\].*
 * S~: a1 OK .*                    skip server lines until one matches (the skipped ones are still checked
 *                                 against the forbidden patterns)
 * !S: .*BYE.*                     from here on, no server line of this session may match
 * !S-clear                        forget this session's forbidden patterns
 * [unordered]                     the S: lines up to [/unordered] may arrive in any order
 * [/unordered]
 * @other                          later lines talk to session "other" (opened on first use); @main is the first
 * CLOSED                          the server closes this session's connection now
 * ! deliver alice INBOX           an action for the test to perform (see {@link ConversationRunner.Actions})
 * </pre>
 *
 * <p>Literal data is sent with ordinary {@code C:} lines; the announced size counts their CRLFs.
 */
public record ConversationScript(String name, List<Step> steps) {

    public ConversationScript {
        steps = List.copyOf(steps);
    }

    public sealed interface Step {
        int lineNumber();

        String session();
    }

    public record Send(int lineNumber, String session, String text) implements Step {}

    public record Expect(int lineNumber, String session, String pattern, boolean skipUntil) implements Step {}

    public record ExpectUnordered(int lineNumber, String session, List<String> patterns) implements Step {
        public ExpectUnordered {
            patterns = List.copyOf(patterns);
        }
    }

    /** A pattern no later line may match; a null pattern clears the session's forbidden patterns. */
    public record Forbid(int lineNumber, String session, String pattern) implements Step {}

    public record ExpectClosed(int lineNumber, String session) implements Step {}

    public record Action(int lineNumber, String session, String command) implements Step {}

    public static final String FIRST_SESSION = "main";

    public static ConversationScript parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        String session = FIRST_SESSION;
        List<String> unordered = null;
        int unorderedStart = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            if (unordered != null) {
                if (trimmed.equals("[/unordered]")) {
                    steps.add(new ExpectUnordered(unorderedStart, session, unordered));
                    unordered = null;
                } else if (line.startsWith("S: ")) {
                    unordered.add(checked(line.substring(3), name, no));
                } else {
                    throw new IllegalArgumentException(name + ":" + no + ": only S: lines belong in [unordered]");
                }
                continue;
            }
            if (line.startsWith("C: ") || line.equals("C:")) {
                steps.add(new Send(no, session, line.length() > 3 ? line.substring(3) : ""));
            } else if (line.startsWith("S: ")) {
                steps.add(new Expect(no, session, checked(line.substring(3), name, no), false));
            } else if (line.startsWith("S~: ")) {
                steps.add(new Expect(no, session, checked(line.substring(4), name, no), true));
            } else if (line.startsWith("!S: ")) {
                steps.add(new Forbid(no, session, checked(line.substring(4), name, no)));
            } else if (trimmed.equals("!S-clear")) {
                steps.add(new Forbid(no, session, null));
            } else if (trimmed.equals("[unordered]")) {
                unordered = new ArrayList<>();
                unorderedStart = no;
            } else if (trimmed.startsWith("@")) {
                session = trimmed.substring(1).strip();
                if (session.isEmpty()) throw new IllegalArgumentException(name + ":" + no + ": empty session name");
            } else if (trimmed.equals("CLOSED")) {
                steps.add(new ExpectClosed(no, session));
            } else if (trimmed.startsWith("! ")) {
                steps.add(new Action(no, session, trimmed.substring(2).strip()));
            } else {
                throw new IllegalArgumentException(name + ":" + no + ": unknown directive: " + line);
            }
        }
        if (unordered != null) throw new IllegalArgumentException(name + ":" + unorderedStart + ": [unordered] not closed");
        return new ConversationScript(name, steps);
    }

    /** Patterns are compiled once here, so a typo is reported with its line (variables are filled in later). */
    private static String checked(String pattern, String name, int no) {
        try {
            Pattern.compile(pattern.replaceAll("\\$\\{[A-Za-z][A-Za-z0-9]*\\}", "x"));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(name + ":" + no + ": bad pattern: " + e.getDescription());
        }
        return pattern;
    }
}
