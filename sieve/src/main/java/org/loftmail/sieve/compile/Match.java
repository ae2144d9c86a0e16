package org.loftmail.sieve.compile;

/**
 * How a test compares (RFC 5228 section 2.7): the match type, for {@code :count}/{@code :value} (RFC 5231) the
 * relation, and the comparator's name.
 */
public record Match(Type type, String relation, String comparator) {

    public enum Type { IS, CONTAINS, MATCHES, REGEX, COUNT, VALUE }

    public static final Match DEFAULT = new Match(Type.IS, null, "i;ascii-casemap");
}
