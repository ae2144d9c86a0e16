package org.loftmail.core.mime;

import java.util.List;

/** A parsed Content-Disposition: its type as written and its parameters. */
public record Disposition(String type, List<MimeParam> params) {
    public Disposition {
        if (type == null) {
            throw new IllegalArgumentException("disposition needs a type");
        }
        params = List.copyOf(params);
    }
}
