package org.loftmail.admin.print;

import java.util.Objects;

/**
 * One output column, as doveadm declares it: the key (JSON's field name), the title (flow's {@code title=}, the
 * table's and tab's heading), whether flow and pager print the title at all, and whether the table right-aligns it.
 */
public record Header(String key, String title, boolean hideTitle, boolean rightJustify) {
    public Header {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
    }

    public static Header of(String keyAndTitle) {
        return new Header(keyAndTitle, keyAndTitle, false, false);
    }

    public static Header hidden(String keyAndTitle) {
        return new Header(keyAndTitle, keyAndTitle, true, false);
    }

    public static Header number(String key, String title) {
        return new Header(key, title, false, true);
    }
}
