package org.loftmail.core.config;

/**
 * A configuration problem a person can act on. The message always starts with {@code file:line: }
 * (or "(built-in default): " for a broken default), followed by what is wrong.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String problem;

    public ConfigException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public ConfigException(SourceLocation location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** Where the problem is. */
    public SourceLocation location() {
        return location;
    }

    /** What is wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
