package org.loftmail.imap.codec;

/** Where the response writer's bytes go (the connection, or a buffer in tests). */
public interface ResponseSink {

    void write(byte[] bytes);

    /** Sends what was written; false when the peer is gone. */
    boolean flush();
}
