package org.loftmail.smtp.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.loftmail.smtp.codec.DotStuffing;
import org.loftmail.smtp.codec.ReplyReader;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * A blocking SMTP client for one connection (RFC 5321), meant for a virtual thread: greeting, EHLO (HELO when EHLO
 * is refused), STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN (RFC 4616) or LOGIN, then transactions. It sends one
 * command at a time (no PIPELINING: a relay of a few messages gains little from it and per-recipient replies stay
 * simple). Addresses and parameters are checked before they are written, so nothing a caller passes can inject a
 * command.
 */
public final class SmtpClient implements AutoCloseable {

    private final RelaySettings settings;
    private Socket socket;
    private ReplyReader in;
    private OutputStream out;
    private final Map<String, String> extensions = new HashMap<>();
    private final Map<String, String> xclient;
    private boolean xclientSent;

    private SmtpClient(RelaySettings settings, Map<String, String> xclient) {
        this.settings = settings;
        this.xclient = xclient;
    }

    /**
     * Connects, reads the greeting, says EHLO, switches to TLS as the settings ask, and authenticates when they
     * carry credentials.
     */
    public static SmtpClient connect(RelaySettings settings) throws IOException {
        return connect(settings, Map.of());
    }

    /**
     * As {@link #connect(RelaySettings)}, and when {@code xclient} is not empty and the server offers XCLIENT
     * (Postfix), tells it the real client before authenticating: {@code XCLIENT ADDR=… PORT=… HELO=… LOGIN=…}
     * (attribute names upper case, values xtext-encoded here). {@link #xclientSent()} says whether it was.
     */
    public static SmtpClient connect(RelaySettings settings, Map<String, String> xclient) throws IOException {
        SmtpClient client = new SmtpClient(settings, Map.copyOf(xclient));
        try {
            client.open();
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(settings.host(), settings.port()),
                (int) settings.connectTimeout().toMillis());
        socket = plain;
        socket.setSoTimeout((int) settings.readTimeout().toMillis());
        if (settings.security() == ClientSecurity.IMPLICIT_TLS) {
            upgradeToTls();
        } else {
            bindStreams();
        }
        expect("greeting", read(), 220);
        hello();
        if (settings.security() == ClientSecurity.STARTTLS) {
            if (!extensions.containsKey("STARTTLS")) {
                throw new IOException(settings.host() + " does not offer STARTTLS");
            }
            expect("STARTTLS", command("STARTTLS"), 220);
            upgradeToTls();
            hello(); // RFC 3207 section 4.2: everything learnt before TLS is forgotten
        }
        if (!xclient.isEmpty() && extensions.containsKey("XCLIENT")) {
            sendXclient();
        }
        if (settings.authenticates()) {
            authenticate();
        }
    }

    private void bindStreams() throws IOException {
        in = new ReplyReader(new BufferedInputStream(socket.getInputStream()));
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    private void upgradeToTls() throws IOException {
        SSLSocket tls = (SSLSocket) settings.tls().createSocket(socket, settings.host(), settings.port(), true);
        tls.setUseClientMode(true);
        if (settings.verifyHostname()) {
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
        }
        tls.startHandshake();
        socket = tls;
        bindStreams();
    }

    private void hello() throws IOException {
        extensions.clear();
        SmtpReply ehlo = command("EHLO " + settings.heloName());
        if (ehlo.code() == 250) {
            for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
                String[] words = line.trim().split(" +", 2);
                extensions.put(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : "");
            }
            return;
        }
        if (ehlo.code() >= 500 && ehlo.code() < 510) {
            // An old server that does not know EHLO: HELO, and no extensions (so no STARTTLS, AUTH or SIZE).
            expect("HELO", command("HELO " + settings.heloName()), 250);
            return;
        }
        throw new SmtpProtocolException("EHLO", ehlo);
    }

    /**
     * Postfix's XCLIENT: the attributes the server accepts are listed after the keyword; others are left out.
     * The server answers with a new greeting, after which the session starts over with EHLO.
     */
    private void sendXclient() throws IOException {
        java.util.Set<String> offered = new java.util.HashSet<>(
                java.util.Arrays.asList(extensions.get("XCLIENT").toUpperCase(Locale.ROOT).split(" +")));
        StringBuilder b = new StringBuilder("XCLIENT");
        for (Map.Entry<String, String> attribute : new java.util.TreeMap<>(xclient).entrySet()) {
            if (offered.contains(attribute.getKey())) {
                b.append(' ').append(attribute.getKey()).append('=').append(xtext(attribute.getValue()));
            }
        }
        expect("XCLIENT", command(b.toString()), 220);
        xclientSent = true;
        hello();
    }

    /** Whether XCLIENT was sent (asked for and offered). */
    public boolean xclientSent() {
        return xclientSent;
    }

    /** RFC 3461 section 4 xtext: printable ASCII except '+' and '=', everything else as +XX. */
    static String xtext(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (byte c : value.getBytes(StandardCharsets.UTF_8)) {
            int v = c & 0xff;
            if (v > 0x20 && v < 0x7f && v != '+' && v != '=') {
                b.append((char) v);
            } else {
                b.append('+').append(String.format("%02X", v));
            }
        }
        return b.toString();
    }

    private void authenticate() throws IOException {
        if (!isSecure() && !settings.plaintextAuth()) {
            throw new IOException("refusing to send AUTH credentials to " + settings.host() + " without TLS");
        }
        String mechanisms = " " + extensions.getOrDefault("AUTH", "").toUpperCase(Locale.ROOT) + " ";
        Base64.Encoder base64 = Base64.getEncoder();
        if (mechanisms.contains(" PLAIN ")) {
            byte[] response = ("\0" + settings.username() + "\0" + settings.password())
                    .getBytes(StandardCharsets.UTF_8);
            expect("AUTH PLAIN", command("AUTH PLAIN " + base64.encodeToString(response)), 235);
        } else if (mechanisms.contains(" LOGIN ")) {
            expect("AUTH LOGIN", command("AUTH LOGIN"), 334);
            expect("AUTH LOGIN", command(base64.encodeToString(settings.username().getBytes(StandardCharsets.UTF_8))),
                    334);
            expect("AUTH LOGIN", command(base64.encodeToString(settings.password().getBytes(StandardCharsets.UTF_8))),
                    235);
        } else {
            throw new IOException(settings.host() + " offers no AUTH mechanism Loft can use (PLAIN, LOGIN)");
        }
    }

    // ---- a transaction ----

    /** The service extensions from the last EHLO (keyword upper case → parameters). */
    public Map<String, String> extensions() {
        return Map.copyOf(extensions);
    }

    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    /** {@code MAIL FROM:<from>} with SIZE (when known and offered) and BODY=8BITMIME (when offered). */
    public SmtpReply mail(String from, long size) throws IOException {
        StringBuilder b = new StringBuilder("MAIL FROM:<").append(checkedAddress(from, true)).append('>');
        if (size >= 0 && extensions.containsKey("SIZE")) {
            b.append(" SIZE=").append(size);
        }
        if (extensions.containsKey("8BITMIME")) {
            b.append(" BODY=8BITMIME");
        }
        return command(b.toString());
    }

    public SmtpReply rcpt(String to) throws IOException {
        return command("RCPT TO:<" + checkedAddress(to, false) + ">");
    }

    /** DATA: the message is sent dot-stuffed with CRLF line ends; returns the reply to the end of the data. */
    public SmtpReply data(InputStream message) throws IOException {
        SmtpReply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        DotStuffing body = new DotStuffing(out);
        message.transferTo(body);
        body.finish();
        return read();
    }

    public SmtpReply rset() throws IOException {
        return command("RSET");
    }

    /** QUIT and close; a server that is already gone is no error here. */
    public void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the transaction's outcome is already known
        }
        close();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }

    private SmtpReply command(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        out.flush();
        return read();
    }

    private SmtpReply read() throws IOException {
        return in.read();
    }

    private static SmtpReply expect(String step, SmtpReply reply, int code) throws SmtpProtocolException {
        if (reply.code() != code) {
            throw new SmtpProtocolException(step, reply);
        }
        return reply;
    }

    /** Printable ASCII without spaces or brackets; the null path only where allowed. */
    private static String checkedAddress(String address, boolean nullAllowed) {
        if (address.isEmpty() && nullAllowed) {
            return "";
        }
        if (address.isEmpty() || address.length() > 256
                || !address.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>')) {
            throw new IllegalArgumentException("not an address Loft can send to: " + address);
        }
        return address;
    }
}
