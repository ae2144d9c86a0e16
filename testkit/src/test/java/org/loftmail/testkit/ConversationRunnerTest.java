package org.loftmail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs scripts against a toy line server: "ECHO x" answers "x", "MANY" answers three lines, "BYE" closes. */
class ConversationRunnerTest {

    private ServerSocket server;
    private Thread acceptor;

    @BeforeEach
    void start() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write("HELLO 42\r\n".getBytes());
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ECHO ")) out.write((line.substring(5) + "\r\n").getBytes());
                else if (line.equals("MANY")) out.write("one\r\ntwo\r\nthree\r\n".getBytes());
                else if (line.equals("BYE")) return;
                out.flush();
            }
        } catch (Exception ignored) {
            // client went away
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join();
    }

    private ConversationRunner runner() {
        return new ConversationRunner(name -> new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()))
                .readTimeoutMillis(2000);
    }

    private void run(ConversationRunner r, String script) throws Exception {
        r.run(ConversationScript.parse("test", script));
    }

    @Test
    void capturesVariablesMatchesUnorderedBlocksAndSeveralSessions() throws Exception {
        List<String> actions = new ArrayList<>();
        run(runner().variable("who", "a.b").actions((a, vars) -> actions.add(a + " " + vars.get("n"))), """
                S: HELLO (?<n>\\d+)
                C: ECHO ${n}-${who}
                S: 42-a\\.b
                C: MANY
                [unordered]
                S: three
                S: one
                S: two
                [/unordered]
                @other
                S: HELLO 42
                ! poke ${n}
                C: MANY
                S~: three
                C: BYE
                CLOSED
                @main
                C: ECHO still here
                S: still here
                """);
        assertThat(actions).containsExactly("poke 42 42");
    }

    @Test
    void aMismatchNamesTheLineAndShowsWhatArrived() {
        assertThatThrownBy(() -> run(runner(), """
                S: HELLO \\d+
                C: ECHO x
                S: y
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("test:3").hasMessageContaining("got: x");
    }

    @Test
    void variablesAreMatchedLiterallyNotAsPatterns() {
        assertThatThrownBy(() -> run(runner().variable("v", "a.c"), """
                S: HELLO \\d+
                C: ECHO abc
                S: ${v}
                """)).isInstanceOf(AssertionError.class);
    }

    @Test
    void forbiddenLinesFailTheScript() {
        assertThatThrownBy(() -> run(runner(), """
                S: HELLO \\d+
                !S: two
                C: MANY
                S~: three
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("forbidden line appeared: two");
    }

    @Test
    void syntaxErrorsAreReportedWithTheirLine() {
        assertThatThrownBy(() -> ConversationScript.parse("x", "S: ok\nX: what")).hasMessage("x:2: unknown directive: X: what");
        assertThatThrownBy(() -> ConversationScript.parse("x", "S: (unclosed")).hasMessageStartingWith("x:1: bad pattern");
        assertThatThrownBy(() -> ConversationScript.parse("x", "[unordered]\nS: a")).hasMessage("x:1: [unordered] not closed");
    }

    @Test
    void aServerThatStaysSilentTimesOutWithContext() {
        assertThatThrownBy(() -> run(runner().readTimeoutMillis(200), """
                S: HELLO \\d+
                S: never
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("no answer from the server in time");
    }
}
