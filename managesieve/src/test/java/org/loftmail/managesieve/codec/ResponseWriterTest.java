package org.loftmail.managesieve.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.loftmail.transport.Connection;

class ResponseWriterTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ResponseWriter w = new ResponseWriter((Connection) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("write") && args.length == 1 && args[0] instanceof byte[] b) wire.writeBytes(b);
                return method.getReturnType() == boolean.class ? true : null;
            }));

    private String out() {
        return wire.toString(UTF_8);
    }

    @Test
    void textIsQuotedWithEscapes() {
        w.no("NONEXISTENT", "a \"quoted\" \\ name");
        assertThat(out()).isEqualTo("NO (NONEXISTENT) \"a \\\"quoted\\\" \\\\ name\"\r\n");
    }

    @Test
    void multiLineTextGoesAsALiteralSoNoClientByteEndsTheResponse() {
        w.no("line 1: error: x.\r\nerror: validation failed.");
        assertThat(out()).isEqualTo("NO {44}\r\nline 1: error: x.\r\nerror: validation failed.\r\n");
        wire.reset();
        w.scriptLine("evil\r\nOK \"injected\"", false);
        assertThat(out()).startsWith("{19}\r\nevil\r\nOK \"injected\"\r\n");
    }

    @Test
    void tagsAndCapabilities() {
        w.okWithCodeString("TAG", "x\"y".getBytes(UTF_8), "Done");
        w.capability("STARTTLS", null);
        w.capability("VERSION", "1.0");
        w.scriptLine("räksmörgås", true);
        assertThat(out()).isEqualTo("OK (TAG \"x\\\"y\") \"Done\"\r\n\"STARTTLS\"\r\n\"VERSION\" \"1.0\"\r\n"
                + "\"räksmörgås\" ACTIVE\r\n");
    }
}
