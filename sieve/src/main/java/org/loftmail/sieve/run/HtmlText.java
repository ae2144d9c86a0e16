package org.loftmail.sieve.run;

/**
 * The readable text of an HTML body for {@code body :text}: tags, comments and the content of script and style
 * elements removed, the common character entities decoded. One linear pass; not an HTML parser.
 */
final class HtmlText {

    private HtmlText() {}

    static String strip(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = html.indexOf('>', i + 1);
                if (end < 0) break;
                String tag = html.substring(i + 1, end).trim().toLowerCase(java.util.Locale.ROOT);
                i = end + 1;
                for (String skip : new String[] {"script", "style"}) {
                    if (tag.equals(skip) || tag.startsWith(skip + " ")) {
                        int close = html.toLowerCase(java.util.Locale.ROOT).indexOf("</" + skip, i);
                        i = close < 0 ? n : Math.max(i, html.indexOf('>', close) + 1);
                        if (i == 0) i = n;
                    }
                }
                if (tag.startsWith("br") || tag.startsWith("p") || tag.startsWith("/p") || tag.startsWith("div")
                        || tag.startsWith("/div")) {
                    out.append(' ');
                }
                continue;
            }
            if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 8) {
                    String entity = html.substring(i + 1, semi);
                    String r = switch (entity) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        case "nbsp" -> " ";
                        default -> null;
                    };
                    if (r != null) {
                        out.append(r);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
