package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fields of one header block, in order. */
public record MimeHeader(List<HeaderField> fields) {
    public static final MimeHeader EMPTY = new MimeHeader(List.of());

    public MimeHeader {
        fields = List.copyOf(fields);
    }

    public Optional<HeaderField> first(String name) {
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public Optional<HeaderField> last(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).is(name)) {
                return Optional.of(fields.get(i));
            }
        }
        return Optional.empty();
    }

    public List<HeaderField> all(String name) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.is(name)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The unfolded value of the first field of that name, or null. */
    public String firstValue(String name) {
        return first(name).map(HeaderField::value).orElse(null);
    }
}
