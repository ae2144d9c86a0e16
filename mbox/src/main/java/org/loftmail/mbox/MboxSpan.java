package org.loftmail.mbox;

/**
 * Where a message is in the mbox file, as the index's {@code location} string {@code from:header:body:end}: its
 * {@code From } line, header, body and the end of its content (exclusive). It changes when a rewrite moves the
 * message; the UID (the index's key) does not.
 */
record MboxSpan(long from, long header, long body, long end) {

    String location() {
        return from + ":" + header + ":" + body + ":" + end;
    }

    static MboxSpan parse(String location) {
        String[] p = location.split(":");
        if (p.length != 4) throw new IllegalArgumentException("not an mbox location: " + location);
        return new MboxSpan(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    }
}
