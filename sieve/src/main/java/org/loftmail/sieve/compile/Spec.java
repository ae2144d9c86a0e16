package org.loftmail.sieve.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature of one command or test: the extension that brings it, its tagged arguments (each possibly from an
 * extension of its own), its positional arguments (at most one optional), whether it takes the comparator,
 * match-type and address-part tags, its tests and its block. The validator checks every use against it.
 */
public record Spec(String name, boolean test, String extension, List<ArgType> positional, List<String> names,
        int optionalIndex,
        Map<String, TagSpec> tags, boolean comparator, boolean matchType, boolean addressPart, Tests tests,
        boolean block, boolean commandAndTest) {

    public enum ArgType {
        NONE, STRING, STRING_LIST, NUMBER;

        String describe() {
            return switch (this) {
                case NONE -> "nothing";
                case STRING -> "a string";
                case STRING_LIST -> "a string list";
                case NUMBER -> "a number";
            };
        }
    }

    public enum Tests { NONE, ONE, LIST }

    /** A tag this command accepts: its argument's type, the extension it needs, its exclusive group. */
    public record TagSpec(String name, ArgType argument, String extension, String group) {}

    public String kind() {
        return test ? "test" : "command";
    }

    /** Pigeonhole's name of positional argument {@code i} ("folder", "key list"), or null. */
    public String argumentName(int i) {
        return i < names.size() ? names.get(i) : null;
    }

    public int required() {
        return optionalIndex >= 0 ? positional.size() - 1 : positional.size();
    }

    public static Builder command(String name, String extension) {
        return new Builder(name, false, extension);
    }

    public static Builder test(String name, String extension) {
        return new Builder(name, true, extension);
    }

    /** Builds a signature; public so that test-scope extensions (vnd.dovecot.testsuite) can declare theirs. */
    public static final class Builder {
        private final String name;
        private final boolean test;
        private final String extension;
        private final List<ArgType> positional = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private int optionalIndex = -1;
        private final Map<String, TagSpec> tags = new LinkedHashMap<>();
        private boolean comparator;
        private boolean matchType;
        private boolean addressPart;
        private Tests tests = Tests.NONE;
        private boolean block;
        private boolean commandAndTest;

        Builder(String name, boolean test, String extension) {
            this.name = name;
            this.test = test;
            this.extension = extension;
        }

        public Builder pos(ArgType... types) {
            positional.addAll(List.of(types));
            return this;
        }

        public Builder optional(ArgType type) {
            optionalIndex = positional.size();
            positional.add(type);
            return this;
        }

        public Builder names(String... n) {
            names.addAll(List.of(n));
            return this;
        }

        public Builder tag(String tag, ArgType arg, String ext) {
            return tag(tag, arg, ext, null);
        }

        public Builder tag(String tag, ArgType arg, String ext, String group) {
            tags.put(tag, new TagSpec(tag, arg, ext, group));
            return this;
        }

        public Builder matching() {
            comparator = true;
            matchType = true;
            return this;
        }

        public Builder addressParts() {
            addressPart = true;
            return this;
        }

        public Builder tests(Tests t) {
            tests = t;
            return this;
        }

        /** Usable both as a command and as a test (test_message in the testsuite). */
        public Builder commandAndTest() {
            commandAndTest = true;
            return this;
        }

        public Builder block() {
            block = true;
            return this;
        }

        public Spec build() {
            return new Spec(name, test, extension, List.copyOf(positional), List.copyOf(names), optionalIndex,
                    Map.copyOf(tags),
                    comparator, matchType, addressPart, tests, block, commandAndTest);
        }
    }
}
