package org.loftmail.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.loftmail.transport.Connection;

/**
 * The one place POP3 responses are put on the wire. Status lines get {@code +OK}/{@code -ERR}, an optional RFC 2449
 * response code and a text from which CR, LF and other control characters are removed, so no client value can
 * inject a line. Multi-line bodies are dot-stuffed line by line (RFC 1939 section 3).
 */
public final class Pop3Writer {

    private final Connection connection;

    public Pop3Writer(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    public Connection connection() {
        return connection;
    }

    /** {@code +OK} alone or {@code +OK text}; returns the bytes written. */
    public int ok(String text) {
        return status("+OK", null, text);
    }

    public int err(String text) {
        return status("-ERR", null, text);
    }

    public int err(ResponseCode code, String text) {
        return status("-ERR", code, text);
    }

    /** A SASL continuation: {@code + base64} (RFC 5034); empty challenges are sent as "+ ". */
    public void continuation(String base64) {
        write("+ " + clean(base64) + "\r\n");
    }

    /** One line of a multi-line response, dot-stuffed; returns the bytes written. */
    public int dataLine(String line) {
        String text = clean(line);
        if (text.startsWith(".")) {
            text = "." + text;
        }
        return write(text + "\r\n");
    }

    /** The ".\r\n" that ends a multi-line response. */
    public void endMultiline() {
        write(".\r\n");
    }

    /** Raw bytes that are already in wire form (the message streamer). */
    public void rawBytes(byte[] bytes, int length) {
        connection.write(bytes, 0, length);
    }

    public boolean flush() {
        return connection.flush();
    }

    private int status(String indicator, ResponseCode code, String text) {
        StringBuilder line = new StringBuilder(indicator);
        if (code != null) {
            line.append(" [").append(code.text()).append(']');
        }
        if (text != null && !text.isEmpty()) {
            line.append(' ').append(clean(text));
        }
        return write(line.append("\r\n").toString());
    }

    private int write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        connection.write(bytes);
        return bytes.length;
    }

    /** Drops CR, LF, NUL and other control characters; caps very long texts. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 512));
        for (int i = 0; i < text.length() && out.length() < 500; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7f && c <= 0xff) {
                out.append(c);
            } else if (c > 0xff) {
                out.append('?');
            }
        }
        return out.toString();
    }
}
