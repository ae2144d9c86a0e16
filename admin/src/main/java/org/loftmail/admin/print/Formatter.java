package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** One of doveadm's output formats ({@code -f flow|tab|table|pager|json}). Rows arrive complete. */
public interface Formatter {

    void row(List<Header> headers, List<String> values, PrintWriter out);

    /** After the last row (the table prints here; JSON closes its array). */
    default void end(List<Header> headers, PrintWriter out) {}

    /** The formatter named by {@code -f}; throws IllegalArgumentException for an unknown name. */
    static Formatter named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "flow" -> new FlowFormatter();
            case "tab" -> new TabFormatter();
            case "table" -> new TableFormatter();
            case "pager" -> new PagerFormatter();
            case "json" -> new JsonFormatter();
            default -> throw new IllegalArgumentException("Unknown formatter: " + name);
        };
    }
}
