package org.loftmail.sieve.compile;

/**
 * One compile error at a position in the script. {@link #toString()} is Pigeonhole's shape,
 * {@code line N: error: <message>.}, which ManageSieve, {@code adm sieve check} and the delivery log print.
 */
public record SieveError(int line, int column, String message) {

    @Override
    public String toString() {
        return "line " + line + ": error: " + message + ".";
    }
}
