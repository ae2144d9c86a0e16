package org.loftmail.sieve.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.loftmail.sieve.syntax.Argument;
import org.loftmail.sieve.syntax.Node;

/**
 * Checks parsed commands against {@link SpecTable} and the extensions the script required, turning them into
 * {@link Instruction}s. Error texts follow Pigeonhole's wording so that users and tools see familiar messages.
 */
final class Validator {

    /** Pigeonhole stops reporting after this many errors too. */
    static final int MAX_ERRORS = 100;

    static final Set<String> COMPARATORS = Set.of("i;octet", "i;ascii-casemap", "i;ascii-numeric");
    static final Set<String> RELATIONS = Set.of("gt", "ge", "lt", "le", "eq", "ne");
    static final Set<String> DATE_PARTS = Set.of("year", "month", "day", "date", "julian", "hour", "minute",
            "second", "time", "iso8601", "std11", "zone", "weekday");

    private final Set<String> enabled;
    private final Map<String, Spec> extra;
    private final Set<String> required = new LinkedHashSet<>();
    private final List<SieveError> errors = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    Validator(Set<String> enabled, Map<String, Spec> extra) {
        this.enabled = enabled;
        this.extra = extra;
    }

    private Spec find(String name) {
        Spec s = extra.get(name);
        return s != null ? s : SpecTable.find(name);
    }

    List<SieveError> errors() {
        return errors;
    }

    Set<String> required() {
        return required;
    }

    private void error(int line, int column, String message) {
        if (errors.size() < MAX_ERRORS) errors.add(new SieveError(line, column, message));
    }

    private boolean available(String extension) {
        if (extension == null) return true;
        if (required.contains(extension)) return true;
        return extension.equals("spamtest") && required.contains("spamtestplus");
    }

    List<Instruction> validateScript(List<Node> commands) {
        return block(commands, true, 0);
    }

    private List<Instruction> block(List<Node> commands, boolean top, int loops) {
        List<Instruction> out = new ArrayList<>();
        boolean requireAllowed = top;
        String previous = null;
        for (Node n : commands) {
            if (n.name().equals("require")) {
                if (!requireAllowed) {
                    error(n.line(), n.column(),
                            "require commands can only be placed at top level at the beginning of the file");
                } else {
                    require(n);
                }
                previous = "require";
                continue;
            }
            requireAllowed = false;
            if ((n.name().equals("elsif") || n.name().equals("else"))
                    && !("if".equals(previous) || "elsif".equals(previous))) {
                error(n.line(), n.column(), "the " + n.name() + " command must follow an if or elseif command");
            }
            if (n.name().equals("break") && loops == 0 && known(n.name())) {
                error(n.line(), n.column(), "the break command is not placed inside a foreverypart loop");
            }
            Instruction i = node(n, false, loops);
            if (i != null) out.add(i);
            previous = n.name();
        }
        return out;
    }

    private boolean known(String name) {
        Spec s = find(name);
        return s != null && available(s.extension());
    }

    private void require(Node n) {
        if (n.arguments().size() != 1 || !(n.arguments().get(0) instanceof Argument.StringList list)
                || !n.tests().isEmpty() || n.block() != null) {
            Argument first = n.arguments().isEmpty() ? null : n.arguments().get(0);
            error(n.line(), n.column(), "the require command accepts a single string or string list argument, "
                    + "but " + (first == null || first instanceof Argument.StringList ? "none or more were"
                            : "a " + Argument.kindOf(first) + " was") + " found");
            return;
        }
        for (String cap : list.values()) {
            if (enabled.contains(cap) || SieveExtensions.IMPLICIT.contains(cap)) {
                required.add(cap);
                if (cap.equals("spamtestplus")) required.add("spamtest");
                if (cap.equals("vacation-seconds")) required.add("vacation"); // RFC 6131 section 2
            } else {
                error(n.line(), n.column(), "require command: unknown Sieve capability `" + cap + "'");
            }
        }
    }

    private Instruction node(Node n, boolean asTest, int loops) {
        Spec spec = find(n.name());
        String kind = asTest ? "test" : "command";
        if (spec == null || !available(spec.extension())) {
            if (reported.add(kind + " " + n.name())) {
                error(n.line(), n.column(), "unknown " + kind + " '" + n.name()
                        + "' (only reported once at first occurrence)");
            }
            return null;
        }
        if (spec.test() != asTest && !spec.commandAndTest()) {
            error(n.line(), n.column(), "attempted to use " + spec.kind() + " '" + n.name() + "' as " + kind);
            return null;
        }
        int before = errors.size();
        Map<String, Argument> tags = new HashMap<>();
        List<Argument> positional = new ArrayList<>();
        Match.Type matchType = null;
        String relation = null;
        String comparator = null;
        String addressPart = null;
        Set<String> groups = new HashSet<>();
        List<Argument> args = n.arguments();
        for (int a = 0; a < args.size(); a++) {
            Argument arg = decode(args.get(a));
            if (!(arg instanceof Argument.Tag tag)) {
                positional.add(arg);
                continue;
            }
            String t = tag.name();
            Match.Type mt = spec.matchType() ? matchType(t) : null;
            if (mt != null) {
                if (matchType != null) {
                    error(tag.line(), tag.column(), "encountered duplicate MATCH-TYPE argument (:" + t
                            + ") for the " + n.name() + " " + kind);
                }
                matchType = mt;
                if (mt == Match.Type.COUNT || mt == Match.Type.VALUE) {
                    Argument r = a + 1 < args.size() ? args.get(a + 1) : null;
                    a++;
                    if (!(r instanceof Argument.StringList rs) || !rs.single()
                            || !RELATIONS.contains(rs.values().get(0).toLowerCase())) {
                        error(tag.line(), tag.column(), "the :" + t + " match-type requires a constant string "
                                + "argument being one of \"gt\", \"ge\", \"lt\", \"le\", \"eq\" or \"ne\", "
                                + "but " + (r instanceof Argument.StringList s && s.single()
                                        ? "\"" + s.values().get(0) + "\"" : r == null ? "nothing"
                                        : "a " + Argument.kindOf(r)) + " was found");
                    } else {
                        relation = rs.values().get(0).toLowerCase();
                    }
                }
                continue;
            }
            if (spec.comparator() && t.equals("comparator")) {
                Argument c = a + 1 < args.size() ? args.get(a + 1) : null;
                a++;
                if (!(c instanceof Argument.StringList cs) || !cs.single()) {
                    error(tag.line(), tag.column(), "the :comparator tag for the " + n.name() + " " + kind
                            + " requires a string as parameter, but " + (c == null || c instanceof Argument.Tag
                                    ? "no parameters were found" : "a " + Argument.kindOf(c) + " was found"));
                } else if (comparator != null) {
                    error(tag.line(), tag.column(), "encountered duplicate :comparator argument for the "
                            + n.name() + " " + kind);
                } else {
                    comparator = cs.values().get(0);
                    if (!COMPARATORS.contains(comparator)
                            || (comparator.equals("i;ascii-numeric") && !available("comparator-i;ascii-numeric"))) {
                        error(c.line(), c.column(), "unknown comparator '" + comparator + "'");
                    }
                }
                continue;
            }
            if (spec.addressPart() && addressPart(t)) {
                if (addressPart != null) {
                    error(tag.line(), tag.column(), "encountered duplicate ADDRESS-PART argument (:" + t
                            + ") for the " + n.name() + " " + kind);
                }
                addressPart = t;
                continue;
            }
            Spec.TagSpec ts = spec.tags().get(t);
            if (ts == null || !available(ts.extension())) {
                if (reported.add("tag " + n.name() + " " + t)) {
                    error(tag.line(), tag.column(), "unknown tagged argument ':" + t + "' for the " + n.name()
                            + " " + kind + " (reported only once at first occurrence)");
                }
                continue;
            }
            if (ts.group() != null && !groups.add(ts.group())) {
                error(tag.line(), tag.column(), "the :" + t + " tag cannot be combined with another tag of its "
                        + "kind in the " + n.name() + " " + kind);
            }
            if (tags.containsKey(t)) {
                error(tag.line(), tag.column(), "encountered duplicate :" + t + " argument for the " + n.name()
                        + " " + kind);
            }
            if (ts.argument() == Spec.ArgType.NONE) {
                tags.put(t, tag);
                continue;
            }
            Argument value = a + 1 < args.size() ? decode(args.get(a + 1)) : null;
            a++;
            if (!fits(value, ts.argument())) {
                error(tag.line(), tag.column(), "the :" + t + " tag for the " + n.name() + " " + kind
                        + " requires " + ts.argument().describe() + " as parameter, but "
                        + (value == null || value instanceof Argument.Tag ? "no parameters were found"
                                : "a " + Argument.kindOf(value) + " was found"));
                continue;
            }
            tags.put(t, value);
        }
        List<Argument> aligned = positionals(n, spec, kind, positional);
        List<Instruction> tests = tests(n, spec, kind, loops);
        List<Instruction> block = null;
        Boolean ihave = ihave(n);
        if (spec.block() && Boolean.FALSE.equals(ihave) && n.block() != null) {
            // RFC 5463 section 4: a block guarded by ihave of an unavailable extension is not validated
            block = List.of();
        } else if (spec.block()) {
            if (n.block() == null) {
                error(n.line(), n.column(), "the " + n.name() + " command requires a command block, but it is "
                        + "missing");
            } else {
                block = block(n.block(), false, loops + (n.name().equals("foreverypart") ? 1 : 0));
            }
        } else if (n.block() != null) {
            error(n.line(), n.column(), "the " + n.name() + " command does not accept a command block, but one "
                    + "is specified anyway");
        }
        Match match = null;
        if (spec.matchType()) {
            // Pigeonhole's string test compares with i;octet unless told otherwise
            String defaultComparator = n.name().equals("string") ? "i;octet" : "i;ascii-casemap";
            match = new Match(matchType == null ? Match.Type.IS : matchType, relation,
                    comparator == null ? defaultComparator : comparator);
            checkMatch(n, match, aligned);
        }
        Instruction result = new Instruction(spec, Map.copyOf(tags), aligned, match,
                addressPart == null ? "all" : addressPart, tests, block, n.line(), n.column());
        if (errors.size() == before) specific(n, result);
        return errors.size() == before ? result : null;
    }

    /**
     * For {@code if}/{@code elsif} whose test is {@code ihave} with constant capabilities: true when all are
     * enabled (they become usable, inside the block and after), false when one is not, null otherwise.
     */
    private Boolean ihave(Node n) {
        if (!(n.name().equals("if") || n.name().equals("elsif")) || n.tests().size() != 1) return null;
        Node t = n.tests().get(0);
        if (!t.name().equals("ihave") || !available("ihave") || t.arguments().size() != 1
                || !(t.arguments().get(0) instanceof Argument.StringList caps)) {
            return null;
        }
        for (String cap : caps.values()) {
            if (!enabled.contains(cap) && !SieveExtensions.IMPLICIT.contains(cap)) return false;
        }
        required.addAll(caps.values());
        return true;
    }

    private Argument decode(Argument a) {
        if (!required.contains("encoded-character") || !(a instanceof Argument.StringList s)) return a;
        List<String> values = new ArrayList<>();
        for (String v : s.values()) values.add(EncodedCharacters.decode(v));
        return new Argument.StringList(values, s.bracketed(), s.line(), s.column());
    }

    private Match.Type matchType(String tag) {
        return switch (tag) {
            case "is" -> Match.Type.IS;
            case "contains" -> Match.Type.CONTAINS;
            case "matches" -> Match.Type.MATCHES;
            case "regex" -> available("regex") ? Match.Type.REGEX : null;
            case "count" -> available("relational") ? Match.Type.COUNT : null;
            case "value" -> available("relational") ? Match.Type.VALUE : null;
            default -> null;
        };
    }

    private boolean addressPart(String tag) {
        return switch (tag) {
            case "all", "localpart", "domain" -> true;
            case "user", "detail" -> available("subaddress");
            default -> false;
        };
    }

    private static boolean fits(Argument a, Spec.ArgType type) {
        return switch (type) {
            case NONE -> a == null;
            case NUMBER -> a instanceof Argument.Number;
            case STRING -> a instanceof Argument.StringList s && s.single();
            case STRING_LIST -> a instanceof Argument.StringList;
        };
    }

    private List<Argument> positionals(Node n, Spec spec, String kind, List<Argument> given) {
        int total = spec.positional().size();
        int required = spec.required();
        if (given.size() != total && given.size() != required) {
            String expected = required == total ? String.valueOf(total) : required + " or " + total;
            error(n.line(), n.column(), "the " + n.name() + " " + kind + " requires " + expected
                    + " positional argument(s), but " + given.size() + " is/are specified");
            return List.of();
        }
        List<Argument> aligned = new ArrayList<>();
        int g = 0;
        for (int p = 0; p < total; p++) {
            if (p == spec.optionalIndex() && given.size() == required) {
                aligned.add(null);
                continue;
            }
            Argument a = given.get(g++);
            Spec.ArgType type = spec.positional().get(p);
            if (!fits(a, type)) {
                String argName = spec.argumentName(p);
                error(a.line(), a.column(), "the " + n.name() + " " + kind + " expects " + type.describe()
                        + " as argument " + (p + 1) + (argName == null ? "" : " (" + argName + ")") + ", but a "
                        + Argument.kindOf(a) + " was found");
            }
            aligned.add(a);
        }
        return aligned;
    }

    private List<Instruction> tests(Node n, Spec spec, String kind, int loops) {
        int count = n.tests().size();
        switch (spec.tests()) {
            case NONE -> {
                if (count > 0) {
                    error(n.line(), n.column(), "the " + n.name() + " " + kind + " accepts no sub-tests, but "
                            + "tests are specified");
                    return List.of();
                }
            }
            case ONE -> {
                if (count != 1 || n.testList()) {
                    error(n.line(), n.column(), "the " + n.name() + " " + kind + " requires one sub-test, but "
                            + (count == 0 ? "none is" : "a list of tests is") + " specified");
                    return List.of();
                }
            }
            case LIST -> {
                if (!n.testList()) {
                    error(n.line(), n.column(), "the " + n.name() + " " + kind + " requires a list of sub-tests, "
                            + "but a single test is specified");
                    return List.of();
                }
            }
        }
        List<Instruction> out = new ArrayList<>();
        for (Node t : n.tests()) {
            Instruction i = node(t, true, loops);
            if (i != null) out.add(i);
        }
        return out;
    }

    private void checkMatch(Node n, Match m, List<Argument> positional) {
        boolean substring = m.type() == Match.Type.CONTAINS || m.type() == Match.Type.MATCHES
                || m.type() == Match.Type.REGEX;
        if (substring && m.comparator().equals("i;ascii-numeric")) {
            error(n.line(), n.column(), "the specified i;ascii-numeric comparator does not support sub-string "
                    + "matching as required by the :" + m.type().name().toLowerCase() + " match type");
        }
        if (m.type() == Match.Type.REGEX && !positional.isEmpty()) {
            Argument keys = positional.get(positional.size() - 1);
            if (keys instanceof Argument.StringList list) {
                for (String key : list.values()) {
                    if (required.contains("variables") && key.contains("${")) continue;
                    try {
                        RegexKeys.compile(key, m.comparator());
                    } catch (IllegalArgumentException e) {
                        error(keys.line(), keys.column(), "invalid regular expression '" + key
                                + "' for regex match: " + RegexKeys.reason(e));
                    }
                }
            }
        }
    }

    /** Checks that only concern one command or test. */
    private void specific(Node n, Instruction i) {
        switch (i.name()) {
            case "size" -> {
                if (!i.has("over") && !i.has("under")) {
                    error(n.line(), n.column(), "the size test requires either the :under or the :over tag to "
                            + "be specified");
                }
            }
            case "set" -> {
                String name = i.string(0);
                boolean namespaced = name.contains(".") && !(required.contains("include")
                        && name.toLowerCase(java.util.Locale.ROOT).startsWith("global.")
                        && name.indexOf('.', 7) < 0);
                if (!VariableNames.validName(name) || namespaced) {
                    error(n.line(), n.column(), "invalid variable name '" + name + "'");
                }
            }
            case "extracttext" -> {
                String name = i.string(0);
                if (!VariableNames.validName(name)) error(n.line(), n.column(), "invalid variable name '" + name
                        + "'");
            }
            case "redirect" -> {
                String to = i.string(0);
                if (!(required.contains("variables") && to.contains("${")) && !Addresses.validMailbox(to)) {
                    error(n.line(), n.column(), "specified redirect address '" + to + "' is invalid");
                }
            }
            case "date", "currentdate" -> {
                String part = i.string(i.name().equals("date") ? 1 : 0);
                if (!(required.contains("variables") && part.contains("${"))
                        && !DATE_PARTS.contains(part.toLowerCase())) {
                    error(n.line(), n.column(), "the " + i.name() + " test was called with an unknown date part '"
                            + part + "'");
                }
            }
            case "include" -> {
                String name = i.string(0);
                if (name.isEmpty() || name.contains("/") || name.contains("\0") || name.length() > 255) {
                    error(n.line(), n.column(), "include: invalid script name '" + name + "'");
                }
            }
            case "vacation" -> {
                String from = i.tagString("from");
                if (from != null && !(required.contains("variables") && from.contains("${"))
                        && !Addresses.validFromHeader(from)) {
                    error(n.line(), n.column(), "specified :from address '" + from + "' is invalid for vacation "
                            + "action");
                }
            }
            default -> {}
        }
    }

    /** Compiled regular expressions are cached by the interpreter; this only checks syntax. */
    static Pattern check(String regex) {
        return Pattern.compile(regex);
    }
}
