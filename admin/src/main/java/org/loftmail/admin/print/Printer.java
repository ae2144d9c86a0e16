package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command prints, as rows under headers (doveadm-print): the command declares its headers and default
 * format, then adds values; {@code -f} chooses another format. The headers may be declared once, before any value.
 */
public final class Printer {

    private final Formatter formatter;
    private final PrintWriter out;
    private final List<Header> headers = new ArrayList<>();
    private final List<String> current = new ArrayList<>();
    private boolean ended;

    public Printer(Formatter formatter, PrintWriter out) {
        this.formatter = formatter;
        this.out = out;
    }

    public Printer header(Header h) {
        headers.add(h);
        return this;
    }

    public Printer headers(List<Header> hs) {
        headers.addAll(hs);
        return this;
    }

    /** The next cell; a row is printed as soon as it is complete. */
    public Printer value(String v) {
        current.add(v == null ? "" : v);
        if (current.size() == headers.size()) {
            formatter.row(headers, List.copyOf(current), out);
            current.clear();
        }
        return this;
    }

    public Printer row(String... values) {
        for (String v : values) {
            value(v);
        }
        return this;
    }

    /** Ends the output (the table is printed, JSON's array closed). */
    public void end() {
        if (!ended) {
            ended = true;
            formatter.end(headers, out);
            out.flush();
        }
    }
}
