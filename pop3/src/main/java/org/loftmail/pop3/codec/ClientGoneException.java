package org.loftmail.pop3.codec;

import java.io.IOException;

/** The client closed the connection while a response was being streamed: stop reading the message. */
public final class ClientGoneException extends IOException {
    public ClientGoneException() {
        super("the client closed the connection");
    }
}
