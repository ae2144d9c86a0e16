package org.loftmail.transport.literal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.transport.Connection;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * A ManageSieve-shaped line protocol (RFC 5804) built only on transport and this package, as the managesieve
 * module will be: no IMAP code. Its command table: PUTSCRIPT streams its literal (refused above
 * {@link #MAX_SCRIPT} bytes, before any data is read), CHECKSCRIPT and GETSCRIPT take theirs in memory within the
 * line limit, anything else is refused before a literal is read. Clients must send non-synchronising literals
 * (RFC 5804 section 4); a synchronising one is refused. Replies are {@code OK}/{@code NO} with a quoted text.
 */
final class ScriptUploadService implements ProtocolService {

    static final int MAX_SCRIPT = 64;
    static final int MAX_LINE = 200;

    final Map<String, byte[]> scripts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "sieve";
    }

    @Override
    public int maxLineLength() {
        return MAX_LINE;
    }

    @Override
    public LinePauser linePauser() {
        return LinePauser.literalsAnd();
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "BYE \"Too many connections\"\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Session newSession(Connection connection) {
        return new ScriptSession(connection);
    }

    private final class ScriptSession implements Session, LiteralAssembler.Protocol {

        private final Connection c;
        private final LiteralAssembler assembler;

        ScriptSession(Connection c) {
            this.c = c;
            this.assembler = new LiteralAssembler(this, c::readRaw);
        }

        @Override
        public void start() {
            reply("OK", "Sieve-shaped test server ready.");
        }

        @Override
        public void onLine(byte[] line) {
            assembler.onLine(line);
        }

        @Override
        public void onRawData(byte[] chunk, boolean last) {
            try {
                assembler.onRawData(chunk, last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.close();
            }
        }

        @Override
        public void onLineTooLong() {
            assembler.abandonCommand();
            reply("NO", "Line too long");
        }

        @Override
        public LiteralPlan plan(List<byte[]> lines, List<byte[]> literals, LiteralAnnouncement literal) {
            String command = commandOf(lines.get(0));
            if (!literal.nonSynchronizing() || literal.binary()) {
                return new LiteralPlan.Refuse(() -> reply("NO", "Only non-synchronizing literals are supported"));
            }
            return switch (command) {
                case "PUTSCRIPT" -> new LiteralPlan.Stream(new Upload(lines.get(0)));
                case "CHECKSCRIPT", "GETSCRIPT" -> new LiteralPlan.Buffer(MAX_LINE, () -> reply("NO", "Command too long"));
                default -> new LiteralPlan.Refuse(() -> reply("NO", "Unknown command"));
            };
        }

        @Override
        public Runnable malformed(List<byte[]> lines, String fixedText) {
            return () -> reply("NO", fixedText);
        }

        @Override
        public void continueLiteral() {
            throw new IllegalStateException("synchronising literals are refused before they are asked for");
        }

        @Override
        public void complete(List<byte[]> lines, List<byte[]> literals) {
            try {
                switch (commandOf(lines.get(0))) {
                    case "CHECKSCRIPT" -> {
                        if (literals.size() != 1) throw new WireSyntaxException("Expected a script");
                        reply("OK", "Script is valid (" + literals.get(0).length + " bytes)");
                    }
                    case "GETSCRIPT" -> {
                        byte[] script = scripts.get(name(lines.get(0), literals));
                        if (script == null) {
                            reply("NO", "Script does not exist");
                            return;
                        }
                        c.write("{" + script.length + "}\r\n");
                        c.write(script);
                        c.write("\r\n");
                        reply("OK", "Getscript completed.");
                    }
                    case "LOGOUT" -> {
                        reply("OK", "Logout completed.");
                        c.close();
                    }
                    default -> reply("NO", "Unknown command");
                }
            } catch (WireSyntaxException e) {
                reply("NO", e.getMessage());
            }
        }

        /** PUTSCRIPT's script, gathered piece by piece as it arrives, checked against the limit before any data. */
        private final class Upload implements LiteralStream {
            private final String name;
            private final ByteArrayOutputStream script = new ByteArrayOutputStream();
            private String failure;

            Upload(byte[] firstLine) {
                String n;
                try {
                    n = new String(QuotedString.read(firstLine, "PUTSCRIPT ".length()).value(), StandardCharsets.UTF_8);
                } catch (WireSyntaxException e) {
                    n = null;
                    failure = e.getMessage();
                }
                this.name = n;
            }

            @Override
            public boolean accept(LiteralAnnouncement literal) {
                if (failure == null && literal.size() > MAX_SCRIPT) failure = "Script too large";
                return failure == null;
            }

            @Override
            public void data(byte[] chunk, boolean last) {
                script.writeBytes(chunk);
            }

            @Override
            public StreamStep lineAfterLiteral(byte[] line) {
                if (line.length != 0) return new StreamStep.Refuse(() -> reply("NO", "Expected end of command"));
                if (failure != null) {
                    reply("NO", failure);
                } else {
                    scripts.put(name, script.toByteArray());
                    reply("OK", "Putscript completed.");
                }
                return new StreamStep.Done();
            }

            @Override
            public void refusedBeforeData() {
                reply("NO", failure);
            }

            @Override
            public void abort() {
                script.reset();
            }
        }

        private void reply(String status, String text) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.writeBytes((status + " ").getBytes(StandardCharsets.US_ASCII));
            QuotedString.write(text.getBytes(StandardCharsets.UTF_8), line);
            line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            c.write(line.toByteArray());
            c.flush();
        }
    }

    private static String commandOf(byte[] line) {
        int space = 0;
        while (space < line.length && line[space] != ' ') space++;
        return new String(line, 0, space, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
    }

    /** GETSCRIPT's argument: a quoted string, or a literal. */
    private static String name(byte[] firstLine, List<byte[]> literals) {
        int at = "GETSCRIPT ".length();
        if (!literals.isEmpty()) return new String(literals.get(0), StandardCharsets.UTF_8);
        return new String(QuotedString.read(firstLine, at).value(), StandardCharsets.UTF_8);
    }
}
