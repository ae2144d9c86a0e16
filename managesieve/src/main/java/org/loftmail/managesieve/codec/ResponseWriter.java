package org.loftmail.managesieve.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.loftmail.transport.Connection;
import org.loftmail.transport.literal.QuotedString;

/**
 * The one place ManageSieve responses are written (RFC 5804 section 4): {@code OK}/{@code NO}/{@code BYE} with an
 * optional response code and a string, capability lines, and strings, quoted when they can be and sent as
 * literals ({@code {n}} CRLF data) when they cannot (CR, LF, NUL, or long). Client bytes only ever go out inside a
 * string, never as raw text.
 */
public final class ResponseWriter {

    /** Strings longer than this go as literals, as Pigeonhole does with long ones. */
    private static final int MAX_QUOTED = 1024;

    private final Connection connection;

    public ResponseWriter(Connection connection) {
        this.connection = connection;
    }

    public void ok(String text) {
        response("OK", null, text);
    }

    public void ok(String code, String text) {
        response("OK", code, text);
    }

    public void no(String text) {
        response("NO", null, text);
    }

    public void no(String code, String text) {
        response("NO", code, text);
    }

    public void bye(String text) {
        response("BYE", null, text);
    }

    /** {@code OK (TAG "x") "text"} and the like: a code with a string argument. */
    public void okWithCodeString(String code, byte[] value, String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("OK (" + code + " ").getBytes(StandardCharsets.US_ASCII));
        string(value, b);
        b.writeBytes(") ".getBytes(StandardCharsets.US_ASCII));
        string(text.getBytes(StandardCharsets.UTF_8), b);
        b.writeBytes(CRLF);
        connection.write(b.toByteArray());
    }

    private void response(String kind, String code, String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(kind.getBytes(StandardCharsets.US_ASCII));
        if (code != null) b.writeBytes((" (" + code + ")").getBytes(StandardCharsets.US_ASCII));
        if (text != null) {
            b.write(' ');
            string(text.getBytes(StandardCharsets.UTF_8), b);
        }
        b.writeBytes(CRLF);
        connection.write(b.toByteArray());
    }

    /** A capability line: {@code "NAME"} or {@code "NAME" "value"}. */
    public void capability(String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(name.getBytes(StandardCharsets.UTF_8), b);
        if (value != null) {
            b.write(' ');
            string(value.getBytes(StandardCharsets.UTF_8), b);
        }
        b.writeBytes(CRLF);
        connection.write(b.toByteArray());
    }

    /** A LISTSCRIPTS line: the name, and {@code ACTIVE} for the active one. */
    public void scriptLine(String name, boolean active) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(name.getBytes(StandardCharsets.UTF_8), b);
        if (active) b.writeBytes(" ACTIVE".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(CRLF);
        connection.write(b.toByteArray());
    }

    /** A line that is a single string (GETSCRIPT's script, a SASL challenge): always a literal when asked. */
    public void stringLine(byte[] value, boolean literal) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (literal) {
            literal(value, b);
        } else {
            string(value, b);
        }
        b.writeBytes(CRLF);
        connection.write(b.toByteArray());
    }

    public void flush() {
        connection.flush();
    }

    private static void string(byte[] value, ByteArrayOutputStream b) {
        if (value.length <= MAX_QUOTED && QuotedString.quotableUtf8(value)) {
            QuotedString.write(value, b);
        } else {
            literal(value, b);
        }
    }

    private static void literal(byte[] value, ByteArrayOutputStream b) {
        b.writeBytes(("{" + value.length + "}").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(CRLF);
        b.writeBytes(value);
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
