package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.List;

/** {@code pager}: {@code title: value} lines per row, rows separated by a form feed line, as doveadm fetch prints. */
final class PagerFormatter implements Formatter {
    private boolean first = true;

    @Override
    public void row(List<Header> headers, List<String> values, PrintWriter out) {
        StringBuilder text = new StringBuilder();
        if (!first) {
            text.append("\f\n");
        }
        first = false;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            String value = values.get(i);
            if (!h.hideTitle()) {
                text.append(h.title()).append(':');
                // a multi-line value (a header block, a body) starts on its own line
                text.append(value.indexOf('\n') >= 0 ? "\n" : " ");
            }
            text.append(value);
            if (value.isEmpty() || value.charAt(value.length() - 1) != '\n') {
                text.append('\n');
            }
        }
        out.print(text);
    }
}
