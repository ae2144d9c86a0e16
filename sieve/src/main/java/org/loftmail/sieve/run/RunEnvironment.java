package org.loftmail.sieve.run;

import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import org.loftmail.sieve.compile.SieveScript;

/**
 * Everything a run needs besides the script and the message: the envelope, the recipient delimiter for subaddress,
 * the limits, the environment items (RFC 5183), a clock for currentdate, and the services a few extensions call
 * (include's script lookup, duplicate's memory, mailboxexists).
 */
public record RunEnvironment(String envelopeFrom, String envelopeTo, String delimiters, Limits limits,
        Map<String, String> environment, Clock clock, Includes includes, Duplicates duplicates,
        Predicate<String> mailboxExists, Scores scores) {

    /** Pigeonhole's defaults: sieve_max_actions 32, sieve_max_redirects 4, include depth 10. */
    public record Limits(int maxActions, int maxRedirects, int maxIncludeDepth, int maxIncludes, long maxSteps,
            long maxMillis, long vacationMinPeriod, long vacationDefaultPeriod, long vacationMaxPeriod) {
        public static final Limits DEFAULT = new Limits(32, 4, 10, 255, 5_000_000, 10_000, 86400, 7 * 86400,
                60L * 86400);
    }

    /** include's lookup: the compiled script, or null when it does not exist. */
    @FunctionalInterface
    public interface Includes {
        SieveScript find(String name, boolean global);

        Includes NONE = (name, global) -> null;
    }

    /** duplicate's memory (RFC 7352): true when {@code id} was seen within {@code seconds}; records it. */
    @FunctionalInterface
    public interface Duplicates {
        boolean seen(String id, long seconds, boolean last);

        Duplicates NONE = (id, seconds, last) -> false;
    }

    /**
     * spamtest/virustest (RFC 5235): the score the site's settings read from the header, as the test compares it
     * ("0" untested, "1".."10"; with :percent "0".."100"), or null when the extension is not configured.
     */
    public interface Scores {
        String spam(SieveMail mail, boolean percent);

        String virus(SieveMail mail);

        Scores NONE = new Scores() {
            @Override
            public String spam(SieveMail mail, boolean percent) {
                return null;
            }

            @Override
            public String virus(SieveMail mail) {
                return null;
            }
        };
    }

    /** A plain environment for tests and checks: no includes, no duplicate memory, every mailbox exists. */
    public static RunEnvironment simple(String from, String to) {
        return new RunEnvironment(from, to, "+", Limits.DEFAULT, Map.of("name", "Loft", "location", "MDA",
                "phase", "during"), Clock.systemUTC(), Includes.NONE, Duplicates.NONE, name -> true, Scores.NONE);
    }

    public RunEnvironment withIncludes(Includes i) {
        return new RunEnvironment(envelopeFrom, envelopeTo, delimiters, limits, environment, clock, i, duplicates,
                mailboxExists, scores);
    }
}
