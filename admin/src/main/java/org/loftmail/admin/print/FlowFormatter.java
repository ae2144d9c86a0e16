package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.List;

/** {@code flow}: one line per row, {@code title=value} separated by spaces; hidden titles print the value alone. */
final class FlowFormatter implements Formatter {
    @Override
    public void row(List<Header> headers, List<String> values, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            Header h = headers.get(i);
            if (!h.hideTitle()) {
                line.append(h.title()).append('=');
            }
            line.append(values.get(i));
        }
        out.print(line.append('\n'));
    }
}
