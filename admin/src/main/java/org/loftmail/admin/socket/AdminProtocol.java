package org.loftmail.admin.socket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin socket's protocol (ADR 0700), modelled on doveadm's server protocol: a version line each way, a
 * command line of TAB-separated arguments escaped as Dovecot escapes them, then length-prefixed frames — standard
 * input from the client, standard output, standard error and the exit code from the server.
 *
 * <pre>
 * C: VERSION\tloft-admin\t1\t0
 * S: VERSION\tloft-admin\t1\t0
 * C: RUN\tmailbox\tlist\t-u\tjsmith
 * C: IN 12          (standard input, for the commands that read it)
 * C: &lt;12 bytes&gt;
 * C: IN 0           (always: the end of standard input)
 * S: O 6            (standard output)
 * S: INBOX\n
 * S: E 30           (standard error)
 * S: X 0            (the exit code; the server closes)
 * </pre>
 */
public final class AdminProtocol {

    public static final String VERSION = "VERSION\tloft-admin\t1\t0";
    /** The socket's file name in base_dir. */
    public static final String SOCKET_NAME = "loft-admin";
    /** Longest header line either side accepts. */
    static final int MAX_LINE = 64 * 1024;
    /** Largest frame. */
    static final int MAX_FRAME = 1 << 20;

    private AdminProtocol() {}

    /** Dovecot's tab-escaping: \001 followed by 1 (itself), t (TAB), r (CR), n (LF), 0 (NUL). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\001' -> b.append("\0011");
                case '\t' -> b.append("\001t");
                case '\r' -> b.append("\001r");
                case '\n' -> b.append("\001n");
                case '\0' -> b.append("\0010");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\001' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case '1' -> '\001';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String runLine(List<String> args) {
        StringBuilder b = new StringBuilder("RUN");
        for (String a : args) {
            b.append('\t').append(escape(a));
        }
        return b.toString();
    }

    static List<String> parseRun(String line) throws IOException {
        if (!line.equals("RUN") && !line.startsWith("RUN\t")) {
            throw new IOException("expected RUN, got: " + printable(line));
        }
        List<String> args = new ArrayList<>();
        if (line.length() > 3) {
            for (String part : line.substring(4).split("\t", -1)) {
                args.add(unescape(part));
            }
        }
        return args;
    }

    static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a line ending in LF (without it); EOF before any byte is null. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (b.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** A frame header {@code <kind> <length>} and its bytes. */
    static void writeFrame(OutputStream out, char kind, byte[] data, int off, int len) throws IOException {
        out.write((kind + " " + len + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, off, len);
    }

    record Frame(char kind, byte[] data, int number) {}

    /** Reads a frame; {@code X n} carries its number and no data. */
    static Frame readFrame(InputStream in) throws IOException {
        String header = readLine(in);
        if (header == null) {
            throw new EOFException("connection closed");
        }
        if (header.length() < 3 || header.charAt(1) != ' ') {
            throw new IOException("bad frame header: " + printable(header));
        }
        char kind = header.charAt(0);
        int n;
        try {
            n = Integer.parseInt(header.substring(2));
        } catch (NumberFormatException e) {
            throw new IOException("bad frame header: " + printable(header));
        }
        if (kind == 'X') {
            return new Frame(kind, new byte[0], n);
        }
        if (n < 0 || n > MAX_FRAME) {
            throw new IOException("bad frame length: " + n);
        }
        byte[] data = new byte[n];
        new DataInputStream(in).readFully(data);
        return new Frame(kind, data, n);
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
