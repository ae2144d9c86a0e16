package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code table}: every row is held until the end, then printed under a heading in columns as wide as their
 * widest cell. As doveadm does on an 80-column output that is not a terminal, half of the room left (rounded up)
 * goes to the last column, so every line, the last column included, is padded to the same width; right-justified
 * columns (numbers) are aligned to the right. Wider tables are printed at their natural width.
 */
final class TableFormatter implements Formatter {
    static final int COLUMNS = 80;

    private final List<List<String>> rows = new ArrayList<>();

    @Override
    public void row(List<Header> headers, List<String> values, PrintWriter out) {
        rows.add(List.copyOf(values));
    }

    @Override
    public void end(List<Header> headers, PrintWriter out) {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = length(headers.get(i).title());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], length(row.get(i)));
            }
        }
        int total = 0;
        for (int w : width) {
            total += w + 1;
        }
        if (total < COLUMNS && n > 0) {
            width[n - 1] += (COLUMNS - total + 1) / 2;
        }
        StringBuilder text = new StringBuilder();
        line(headers, headers.stream().map(Header::title).toList(), width, text);
        for (List<String> row : rows) {
            line(headers, row, width, text);
        }
        out.print(text);
    }

    private static void line(List<Header> headers, List<String> cells, int[] width, StringBuilder text) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            String cell = cells.get(i);
            String pad = " ".repeat(Math.max(0, width[i] - length(cell)));
            text.append(headers.get(i).rightJustify() ? pad + cell : cell + pad);
        }
        text.append('\n');
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
