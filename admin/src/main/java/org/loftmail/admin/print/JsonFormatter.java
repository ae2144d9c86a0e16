package org.loftmail.admin.print;

import java.io.PrintWriter;
import java.util.List;

/** {@code json}: an array of objects keyed by header key, every value a string, no trailing newline (as doveadm). */
final class JsonFormatter implements Formatter {
    private boolean first = true;

    @Override
    public void row(List<Header> headers, List<String> values, PrintWriter out) {
        StringBuilder text = new StringBuilder(first ? "[" : ",");
        first = false;
        text.append('{');
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            quote(headers.get(i).key(), text);
            text.append(':');
            quote(values.get(i), text);
        }
        out.print(text.append('}'));
    }

    @Override
    public void end(List<Header> headers, PrintWriter out) {
        out.print(first ? "[]" : "]");
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
