package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.List;

/** {@code tab}: a heading line of titles, then one line per row, fields separated by TAB. */
final class TabFormatter implements Formatter {
    private boolean headed;

    @Override
    public void row(List<Header> headers, List<String> values, PrintWriter out) {
        head(headers, out);
        out.print(String.join("\t", values) + "\n");
    }

    @Override
    public void end(List<Header> headers, PrintWriter out) {
        head(headers, out);
    }

    private void head(List<Header> headers, PrintWriter out) {
        if (!headed) {
            headed = true;
            out.print(String.join("\t", headers.stream().map(Header::title).toList()) + "\n");
        }
    }
}
