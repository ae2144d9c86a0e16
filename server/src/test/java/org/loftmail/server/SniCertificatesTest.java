package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.transport.SelfSignedCertificates;

/**
 * Per-name certificates from {@code local_name} blocks, chosen by the client's SNI name: real handshakes from
 * the JDK's TLS client and from Jakarta Mail (which sends the host name it connects to) against a whole server.
 */
class SniCertificatesTest {

    private record Ports(int imap, int imaps, int pop3, int pop3s) {}

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void certificate(Path dir, String file, String host) throws IOException {
        SelfSignedCertificates.PemPair pair = SelfSignedCertificates.generate(host);
        Files.writeString(dir.resolve(file + ".pem"), pair.certPem());
        Files.writeString(dir.resolve(file + ".key"), pair.keyPem());
    }

    /** Three certificates: the default (default.test), mail.example.com, and *.example.org. */
    private static String config(Path dir, Ports ports) throws IOException {
        certificate(dir, "default", "default.test");
        certificate(dir, "com", "mail.example.com");
        certificate(dir, "org", "*.example.org");
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::::\n");
        return """
                protocols = imap pop3
                listen = 127.0.0.1
                base_dir = %1$s
                ssl = yes
                ssl_cert = <%1$s/default.pem
                ssl_key = <%1$s/default.key
                disable_plaintext_auth = no
                mail_location = maildir:%1$s/mail/%%n
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                local_name mail.example.com {
                  ssl_cert = <%1$s/com.pem
                  ssl_key = <%1$s/com.key
                }
                local_name *.example.org {
                  ssl_cert = <%1$s/org.pem
                  ssl_key = <%1$s/org.key
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = %3$d
                    ssl = yes
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %4$d
                  }
                  inet_listener pop3s {
                    port = %5$d
                    ssl = yes
                  }
                }
                """.formatted(dir, ports.imap(), ports.imaps(), ports.pop3(), ports.pop3s());
    }

    private static Ports ports() throws IOException {
        return new Ports(freePort(), freePort(), freePort(), freePort());
    }

    private static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("loft.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void implicitTlsChoosesTheCertificateByName(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        try (LoftServer server = LoftServer.start(write(dir, config(dir, ports)))) {
            assertThat(implicit(ports.imaps(), "mail.example.com")).isEqualTo("CN=mail.example.com");
            assertThat(implicit(ports.imaps(), "MAIL.Example.COM")).isEqualTo("CN=mail.example.com");
            assertThat(implicit(ports.imaps(), "imap.example.org")).isEqualTo("CN=*.example.org");
            assertThat(implicit(ports.imaps(), "a.b.example.org")).isEqualTo("CN=default.test");
            assertThat(implicit(ports.imaps(), "unknown.example.net")).isEqualTo("CN=default.test");
            assertThat(implicit(ports.imaps(), null)).isEqualTo("CN=default.test");
            assertThat(implicit(ports.pop3s(), "pop.example.org")).isEqualTo("CN=*.example.org");
            assertThat(implicit(ports.pop3s(), null)).isEqualTo("CN=default.test");
        }
    }

    @Test
    void startTlsAndStlsChooseTheCertificateByName(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        try (LoftServer server = LoftServer.start(write(dir, config(dir, ports)))) {
            assertThat(startTls(ports.imap(), "a STARTTLS", "a OK", "mail.example.com")).isEqualTo("CN=mail.example.com");
            assertThat(startTls(ports.imap(), "a STARTTLS", "a OK", null)).isEqualTo("CN=default.test");
            assertThat(startTls(ports.pop3(), "STLS", "+OK", "pop.example.org")).isEqualTo("CN=*.example.org");
            assertThat(startTls(ports.pop3(), "STLS", "+OK", "other.test")).isEqualTo("CN=default.test");
        }
    }

    @Test
    void lmtpStartTlsChoosesTheCertificateByName(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        int lmtp = freePort();
        String text = config(dir, ports).replace("protocols = imap pop3", "protocols = imap pop3 lmtp")
                + "service lmtp {\n  inet_listener lmtp {\n    port = " + lmtp + "\n  }\n}\n";
        try (LoftServer server = LoftServer.start(write(dir, text));
                Socket plain = new Socket("127.0.0.1", lmtp)) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("LHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> capabilities = new java.util.ArrayList<>();
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                capabilities.add(line.substring(4));
            }
            capabilities.add(line.substring(4));
            assertThat(capabilities).contains("STARTTLS");
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("220 ");
            SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket(plain, "127.0.0.1", lmtp, true);
            handshake(socket, "lmtp.example.org", null);
            assertThat(servedName(socket)).isEqualTo("CN=*.example.org");
            socket.close();
        }
    }

    @Test
    void jakartaMailGetsTheCertificateForTheHostItConnectsTo(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        try (LoftServer server = LoftServer.start(write(dir, config(dir, ports)));
                ConnectProxy proxy = new ConnectProxy()) {
            // The names do not resolve; Jakarta Mail reaches them through a CONNECT proxy that always dials
            // 127.0.0.1, and still sends the name it was given in SNI and checks the certificate against it.
            for (String host : List.of("mail.example.com", "imap.example.org")) {
                try (Store store = session(proxy, "imaps").getStore("imaps")) {
                    store.connect(host, ports.imaps(), "jsmith", "secret");
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    assertThat(inbox.getMessageCount()).isZero();
                    inbox.close();
                }
            }
            Properties starttls = session(proxy, "imap").getProperties();
            starttls.put("mail.imap.starttls.enable", "true");
            starttls.put("mail.imap.starttls.required", "true");
            try (Store store = Session.getInstance(starttls).getStore("imap")) {
                store.connect("pop.example.org", ports.imap(), "jsmith", "secret");
                assertThat(store.getFolder("INBOX").exists()).isTrue();
            }
            try (Store store = session(proxy, "pop3s").getStore("pop3s")) {
                store.connect("mail.example.com", ports.pop3s(), "jsmith", "secret");
            }
            // An unknown name gets the default certificate, which does not name it: the client refuses.
            try (Store store = session(proxy, "imaps").getStore("imaps")) {
                assertThatThrownBy(() -> store.connect("unknown.example.net", ports.imaps(), "jsmith", "secret"))
                        .isInstanceOf(MessagingException.class);
            }
            assertThat(proxy.requested).contains("mail.example.com:" + ports.imaps(),
                    "imap.example.org:" + ports.imaps(), "pop.example.org:" + ports.imap());
        }
    }

    @Test
    void aReloadServesTheNewPerNameCertificateToNewConnections(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        Path config = write(dir, config(dir, ports));
        try (LoftServer server = LoftServer.start(config)) {
            assertThat(implicit(ports.imaps(), "mail.example.com")).isEqualTo("CN=mail.example.com");
            SSLSocket open = connect(ports.imaps(), "mail.example.com");
            certificate(dir, "com", "renewed.example.com");
            server.reload();
            assertThat(implicit(ports.imaps(), "mail.example.com")).isEqualTo("CN=renewed.example.com");
            assertThat(implicit(ports.imaps(), null)).isEqualTo("CN=default.test");
            // The connection made before the reload goes on with what it had.
            BufferedReader in = new BufferedReader(new InputStreamReader(open.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("* OK");
            open.close();

            // A broken per-name key on reload is logged and the running certificates stay.
            Files.writeString(dir.resolve("com.key"), Files.readString(dir.resolve("default.key")));
            server.reload();
            assertThat(implicit(ports.imaps(), "mail.example.com")).isEqualTo("CN=renewed.example.com");
        }
    }

    @Test
    void aPerNameCertificateWithTheWrongKeyIsAStartupErrorAtItsLine(@TempDir Path dir) throws Exception {
        certificate(dir, "default", "default.test");
        certificate(dir, "com", "mail.example.com");
        // The block sets ssl_cert but not ssl_key, so the global key applies, and it is not this certificate's.
        Path config = write(dir, """
                protocols = none
                base_dir = %1$s
                ssl = yes
                ssl_cert = <%1$s/default.pem
                ssl_key = <%1$s/default.key
                local_name mail.example.com {
                  ssl_cert = <%1$s/com.pem
                }
                """.formatted(dir));
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:7")
                .hasMessageContaining("not the private key")
                .hasMessageContaining("ssl_key from " + config + ":5");
    }

    @Test
    void aPerNameCertificateFileThatCannotBeReadIsAStartupErrorAtItsLine(@TempDir Path dir) throws Exception {
        certificate(dir, "default", "default.test");
        Path config = write(dir, """
                protocols = none
                base_dir = %1$s
                ssl = yes
                ssl_cert = <%1$s/default.pem
                ssl_key = <%1$s/default.key
                local_name mail.example.com {
                  ssl_cert = <%1$s/missing.pem
                  ssl_key = <%1$s/missing.key
                }
                """.formatted(dir));
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:7");
    }

    @Test
    void tlsSettingsByProtocolOrAddressAreStillRefused(@TempDir Path dir) throws Exception {
        certificate(dir, "default", "default.test");
        Path config = write(dir, """
                protocols = none
                base_dir = %1$s
                ssl = yes
                ssl_cert = <%1$s/default.pem
                ssl_key = <%1$s/default.key
                protocol imap {
                  local_name mail.example.com {
                    ssl_min_protocol = TLSv1.3
                  }
                }
                """.formatted(dir));
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:8")
                .hasMessageContaining("not supported yet");
    }

    @Test
    void otherPerNameTlsSettingsApplyToThatNameOnly(@TempDir Path dir) throws Exception {
        Ports ports = ports();
        String text = config(dir, ports).replace("local_name *.example.org {",
                "local_name *.example.org {\n  ssl_min_protocol = TLSv1.3");
        try (LoftServer server = LoftServer.start(write(dir, text))) {
            assertThat(handshakeWith(ports.imaps(), "imap.example.org", "TLSv1.2")).isFalse();
            assertThat(handshakeWith(ports.imaps(), "imap.example.org", "TLSv1.3")).isTrue();
            assertThat(handshakeWith(ports.imaps(), "mail.example.com", "TLSv1.2")).isTrue();
            assertThat(handshakeWith(ports.imaps(), null, "TLSv1.2")).isTrue();
        }
    }

    // ---- clients ----

    private static String implicit(int port, String sni) throws Exception {
        try (SSLSocket socket = connect(port, sni)) {
            return servedName(socket);
        }
    }

    private static SSLSocket connect(int port, String sni) throws Exception {
        SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", port);
        handshake(socket, sni, null);
        return socket;
    }

    private static boolean handshakeWith(int port, String sni, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            handshake(socket, sni, protocol);
            return true;
        } catch (javax.net.ssl.SSLException e) {
            return false;
        }
    }

    private static String startTls(int port, String command, String okPrefix, String sni) throws Exception {
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            in.readLine(); // greeting
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith(okPrefix);
            SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
            handshake(socket, sni, null);
            String name = servedName(socket);
            socket.close();
            return name;
        }
    }

    private static void handshake(SSLSocket socket, String sni, String protocol) throws IOException {
        socket.setSoTimeout(10_000);
        SSLParameters params = socket.getSSLParameters();
        params.setServerNames(sni == null ? List.<SNIServerName>of() : List.of(new SNIHostName(sni)));
        if (protocol != null) {
            params.setProtocols(new String[] {protocol});
        }
        socket.setSSLParameters(params);
        socket.startHandshake();
    }

    private static String servedName(SSLSocket socket) throws IOException {
        String subject = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
        return subject.replaceAll(".*(CN=[^,]+).*", "$1");
    }

    /** The tests ask which certificate was served; trusting it is Jakarta Mail's part (checkserveridentity). */
    static SSLContext trustingAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    private static Session session(ConnectProxy proxy, String protocol) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".proxy.host", "127.0.0.1");
        props.put("mail." + protocol + ".proxy.port", String.valueOf(proxy.port()));
        props.put("mail." + protocol + ".ssl.trust", "*");
        props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "10000");
        return Session.getInstance(props);
    }

    /** An HTTP CONNECT proxy that dials 127.0.0.1 at the requested port, whatever host was asked for. */
    private static final class ConnectProxy implements AutoCloseable {
        final List<String> requested = new CopyOnWriteArrayList<>();
        private final ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final Thread acceptor = Thread.ofVirtual().start(this::acceptLoop);

        ConnectProxy() throws IOException {}

        int port() {
            return listener.getLocalPort();
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread.ofVirtual().start(() -> tunnel(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void tunnel(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                String request = readHead(in);
                String authority = request.split(" ")[1];
                requested.add(authority);
                int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
                try (Socket server = new Socket("127.0.0.1", port)) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    Thread up = Thread.ofVirtual().start(() -> pump(in, server));
                    pump(server.getInputStream(), client);
                    up.join();
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the client or the server went away: the tunnel ends
            }
        }

        /** The request line; the header lines up to the empty line are read and dropped. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            String first = null;
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    String l = line.toString().strip();
                    if (first == null) {
                        first = l;
                    } else if (l.isEmpty()) {
                        return first;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            throw new IOException("proxy request ended early");
        }

        private static void pump(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            acceptor.interrupt();
        }
    }
}
