package org.loftmail.sieve.compile;

import java.util.List;
import java.util.Map;
import org.loftmail.sieve.syntax.Argument;

/**
 * A validated command or test: its signature, its tags (name without colon → argument, or a
 * {@link Argument.Tag} for tags without one), its positional arguments in signature order ({@code null} where an
 * optional one was left out), the resolved match, the address part, its tests and block.
 */
public record Instruction(Spec spec, Map<String, Argument> tags, List<Argument> positional, Match match,
        String addressPart, List<Instruction> tests, List<Instruction> block, int line, int column) {

    public String name() {
        return spec.name();
    }

    public boolean has(String tag) {
        return tags.containsKey(tag);
    }

    /** The string argument of a tag, or null. */
    public String tagString(String tag) {
        return tags.get(tag) instanceof Argument.StringList s ? s.values().get(0) : null;
    }

    public List<String> tagList(String tag) {
        return tags.get(tag) instanceof Argument.StringList s ? s.values() : null;
    }

    public Long tagNumber(String tag) {
        return tags.get(tag) instanceof Argument.Number n ? n.value() : null;
    }

    public List<String> strings(int position) {
        return positional.get(position) instanceof Argument.StringList s ? s.values() : null;
    }

    public String string(int position) {
        List<String> values = strings(position);
        return values == null ? null : values.get(0);
    }

    public long number(int position) {
        return ((Argument.Number) positional.get(position)).value();
    }
}
