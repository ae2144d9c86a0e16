package org.loftmail.core.mime;

/** One parameter of Content-Type or Content-Disposition, as byte strings (name case as written). */
public record MimeParam(String name, String value) {
    public MimeParam {
        if (name == null || value == null) {
            throw new IllegalArgumentException("parameter needs a name and a value");
        }
    }
}
