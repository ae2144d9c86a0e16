package org.loftmail.transport.literal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/**
 * The shared string and literal pieces carry a ManageSieve-shaped protocol over a real listener (ADR 0504): a
 * PUTSCRIPT literal streamed in, one sent a byte at a time, limits refused before data, quoted names and texts.
 */
class ScriptUploadServiceTest {

    private static NetServer server;
    private static ScriptUploadService service;
    private static BoundListener listener;

    @BeforeAll
    static void start() throws Exception {
        server = new NetServer(1);
        service = new ScriptUploadService();
        listener = server.bind(new ListenerSpec.Inet("sieve", "sieve", "127.0.0.1", ListenerSpec.EPHEMERAL, false),
                service, null, ConnectionLimiter.unlimited());
    }

    @AfterAll
    static void stop() {
        listener.close();
        server.close();
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client connect() throws Exception {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) listener.localAddress()).getPort()));
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            Client c = new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)),
                    s.getOutputStream());
            assertThat(c.in.readLine()).isEqualTo("OK \"Sieve-shaped test server ready.\"");
            return c;
        }

        void send(String text) throws Exception {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws Exception {
            return in.readLine();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void putscriptStreamsItsLiteralAndGetscriptGivesItBack() throws Exception {
        try (Client c = Client.connect()) {
            c.send("PUTSCRIPT \"vacation\" {12+}\r\nkeep;\r\nstop;\r\n");
            assertThat(c.line()).isEqualTo("OK \"Putscript completed.\"");
            c.send("GETSCRIPT \"vacation\"\r\n");
            assertThat(c.line()).isEqualTo("{12}");
            assertThat(c.line()).isEqualTo("keep;");
            assertThat(c.line()).isEqualTo("stop;");
            assertThat(c.line()).isEqualTo("OK \"Getscript completed.\"");
            c.send("GETSCRIPT {8+}\r\nvacation\r\n");
            assertThat(c.line()).isEqualTo("{12}");
        }
        assertThat(service.scripts.get("vacation")).isEqualTo("keep;\r\nstop;".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aScriptSentOneByteAtATimeIsTheSame() throws Exception {
        try (Client c = Client.connect()) {
            for (char ch : "PUTSCRIPT \"one \\\"byte\\\"\" {10+}\r\nif true {}\r\nCHECKSCRIPT {3+}\r\nabc\r\n".toCharArray()) {
                c.send(String.valueOf(ch));
            }
            assertThat(c.line()).isEqualTo("OK \"Putscript completed.\"");
            assertThat(c.line()).isEqualTo("OK \"Script is valid (3 bytes)\"");
        }
        assertThat(service.scripts.get("one \"byte\"")).isEqualTo("if true {}".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusalsComeBeforeTheDataWhichIsDroppedAndTheNextCommandRuns() throws Exception {
        try (Client c = Client.connect()) {
            String big = "x".repeat(ScriptUploadService.MAX_SCRIPT + 1);
            c.send("PUTSCRIPT \"big\" {" + big.length() + "+}\r\n" + big + "\r\nCHECKSCRIPT {2+}\r\nok\r\n");
            assertThat(c.line()).isEqualTo("NO \"Script too large\"");
            assertThat(c.line()).isEqualTo("OK \"Script is valid (2 bytes)\"");
            c.send("PUTSCRIPT \"sync\" {5}\r\nCHECKSCRIPT {1+}\r\nx\r\n");
            assertThat(c.line()).isEqualTo("NO \"Only non-synchronizing literals are supported\"");
            assertThat(c.line()).isEqualTo("OK \"Script is valid (1 bytes)\"");
            c.send("DELETESCRIPT {4+}\r\nPUTSCRIPT \"x\" {0+}\r\n\r\nCHECKSCRIPT {1+}\r\ny\r\n");
            assertThat(c.line()).isEqualTo("NO \"Unknown command\"");
            assertThat(c.line()).isEqualTo("OK \"Script is valid (1 bytes)\"");
            c.send("CHECKSCRIPT {" + (ScriptUploadService.MAX_LINE + 1) + "+}\r\n" + "y".repeat(ScriptUploadService.MAX_LINE + 1)
                    + "\r\nPUTSCRIPT \"bad name {3+}\r\nabc\r\nCHECKSCRIPT {99999999999999999999+}\r\nLOGOUT\r\n");
            assertThat(c.line()).isEqualTo("NO \"Command too long\"");
            assertThat(c.line()).isEqualTo("NO \"Missing '\\\"'\"");
            assertThat(c.line()).isEqualTo("NO \"Literal size too large\"");
            assertThat(c.line()).isEqualTo("OK \"Logout completed.\"");
        }
        assertThat(service.scripts).doesNotContainKeys("big", "sync", "x");
    }
}
