package org.loftmail.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs {@link ConversationScript}s against a server over real sockets. Protocol-neutral: IMAP, POP3, LMTP and
 * ManageSieve scripts all run here. Variables ({@code ${name}}) come from {@link #variable} and from named groups
 * in {@code S:} patterns; in {@code S:} lines a variable's value is matched literally.
 */
public final class ConversationRunner {

    /** Opens the connection for a named session (usually a plain socket to the server under test). */
    @FunctionalInterface
    public interface Connector {
        Socket connect(String session) throws IOException;
    }

    /** Performs {@code ! action} lines (deliveries, clock changes, file edits) for the test. */
    @FunctionalInterface
    public interface Actions {
        void perform(String action, Map<String, String> variables) throws Exception;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)\\}");
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final int MAX_LINE = 1 << 20;

    private final Connector connector;
    private Actions actions = (action, vars) -> {
        throw new IllegalStateException("no actions configured for: " + action);
    };
    private final Map<String, String> variables = new HashMap<>();
    private int readTimeoutMillis = 10_000;

    public ConversationRunner(Connector connector) {
        this.connector = connector;
    }

    public ConversationRunner actions(Actions a) {
        this.actions = a;
        return this;
    }

    public ConversationRunner variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public ConversationRunner readTimeoutMillis(int millis) {
        this.readTimeoutMillis = millis;
        return this;
    }

    /** One dynamic test per file in {@code dir} ending in {@code extension}, sorted by name. */
    public static Stream<DynamicTest> tests(Path dir, String extension, Supplier<ConversationRunner> runners) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> scripts = files.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
            if (scripts.isEmpty()) throw new IllegalStateException("no *" + extension + " scripts in " + dir);
            return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                runners.get().run(ConversationScript.parse(p.getFileName().toString(), text));
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script; throws AssertionError naming the script line and what the server sent. */
    public void run(ConversationScript script) throws Exception {
        Map<String, Peer> peers = new LinkedHashMap<>();
        try {
            for (ConversationScript.Step step : script.steps()) {
                String where = script.name() + ":" + step.lineNumber();
                if (step instanceof ConversationScript.Action a) {
                    actions.perform(substitute(a.command(), false), variables);
                    continue;
                }
                Peer peer = peers.get(step.session());
                if (peer == null) {
                    peer = new Peer(step.session(), connector.connect(step.session()), readTimeoutMillis);
                    peers.put(step.session(), peer);
                }
                switch (step) {
                    case ConversationScript.Send s -> peer.send(substitute(s.text(), false));
                    case ConversationScript.Expect e -> expect(peer, e, where);
                    case ConversationScript.ExpectUnordered u -> expectUnordered(peer, u, where);
                    case ConversationScript.Forbid f -> {
                        if (f.pattern() == null) peer.forbidden.clear();
                        else peer.forbidden.add(Pattern.compile(substitute(f.pattern(), true)));
                    }
                    case ConversationScript.ExpectClosed c -> {
                        String line = peer.readLine(where);
                        if (line != null) {
                            throw new AssertionError(where + " [" + peer.name + "]: expected the server to close, got: " + line
                                    + peer.history());
                        }
                    }
                    case ConversationScript.Action a -> throw new IllegalStateException("handled above");
                }
            }
        } finally {
            for (Peer p : peers.values()) p.close();
        }
    }

    private void expect(Peer peer, ConversationScript.Expect e, String where) throws IOException {
        Pattern p = Pattern.compile(substitute(e.pattern(), true));
        while (true) {
            String line = peer.readLine(where);
            if (line == null) {
                throw new AssertionError(where + " [" + peer.name + "]: connection closed, expected: " + e.pattern()
                        + peer.history());
            }
            Matcher m = p.matcher(line);
            if (m.matches()) {
                capture(e.pattern(), m);
                return;
            }
            if (!e.skipUntil()) {
                throw new AssertionError(where + " [" + peer.name + "]: expected: " + e.pattern() + "\n   got: " + line
                        + peer.history());
            }
        }
    }

    private void expectUnordered(Peer peer, ConversationScript.ExpectUnordered u, String where) throws IOException {
        List<String> left = new ArrayList<>(u.patterns());
        while (!left.isEmpty()) {
            String line = peer.readLine(where);
            if (line == null) {
                throw new AssertionError(where + " [" + peer.name + "]: connection closed, still expected: " + left
                        + peer.history());
            }
            boolean found = false;
            for (int i = 0; i < left.size(); i++) {
                Matcher m = Pattern.compile(substitute(left.get(i), true)).matcher(line);
                if (m.matches()) {
                    capture(left.get(i), m);
                    left.remove(i);
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new AssertionError(where + " [" + peer.name + "]: unexpected line: " + line + "\n   still expected: "
                        + left + peer.history());
            }
        }
    }

    private void capture(String pattern, Matcher m) {
        Matcher names = GROUP_NAME.matcher(pattern);
        while (names.find()) {
            String n = names.group(1);
            if (m.group(n) != null) variables.put(n, m.group(n));
        }
    }

    private String substitute(String text, boolean forPattern) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) throw new IllegalStateException("unknown variable ${" + m.group(1) + "}");
            m.appendReplacement(sb, Matcher.quoteReplacement(forPattern ? Pattern.quote(value) : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final class Peer implements AutoCloseable {
        final String name;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final List<Pattern> forbidden = new ArrayList<>();
        final List<String> recent = new ArrayList<>();

        Peer(String name, Socket socket, int timeout) throws IOException {
            this.name = name;
            this.socket = socket;
            socket.setSoTimeout(timeout);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            recent.add("C: " + line);
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next line without its CRLF, or null at end of stream. */
        String readLine(String where) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        if (buf.size() == 0) return null;
                        break;
                    }
                    if (b == '\n') break;
                    if (buf.size() < MAX_LINE) buf.write(b);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError(where + " [" + name + "]: no answer from the server in time" + history());
            } catch (java.net.SocketException e) {
                if (buf.size() == 0) return null; // reset by peer: treat as closed
                throw e;
            }
            String line = buf.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            recent.add("S: " + line);
            for (Pattern p : forbidden) {
                if (p.matcher(line).matches()) {
                    throw new AssertionError(where + " [" + name + "]: forbidden line appeared: " + line + history());
                }
            }
            return line;
        }

        String history() {
            int from = Math.max(0, recent.size() - 15);
            return "\n   last lines of [" + name + "]:\n      " + String.join("\n      ", recent.subList(from, recent.size()));
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
