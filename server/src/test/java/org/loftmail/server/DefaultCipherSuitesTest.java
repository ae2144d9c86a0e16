package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.transport.SelfSignedCertificates;

/**
 * Issue 20, item 9: the TLS 1.2 CBC suites with SHA-1 MACs (ECDHE-*-AES128-SHA, ECDHE-*-AES256-SHA) were served on
 * every TLS port by default. Real handshakes against a whole server: by default a client offering only those fails
 * and one offering GCM succeeds; an administrator who lists them in ssl_cipher_list gets them.
 */
class DefaultCipherSuitesTest {

    private static final String CBC_SHA1 = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
    private static final String CBC_SHA1_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA";
    private static final String GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        SelfSignedCertificates.PemPair pair = SelfSignedCertificates.generate("mail.example.com");
        Files.writeString(dir.resolve("cert.pem"), pair.certPem());
        Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::::\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, """
                protocols = imap
                listen = 127.0.0.1
                base_dir = %1$s
                ssl = yes
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/key.pem
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                service imap-login {
                  inet_listener imap {
                    port = 0
                  }
                  inet_listener imaps {
                    port = %2$d
                    ssl = yes
                  }
                }
                %3$s
                """.formatted(dir, port, extra));
        this.port = port;
        return conf;
    }

    private int port;

    @Test
    void cbcSha1SuitesAreOffByDefault() throws Exception {
        try (LoftServer server = LoftServer.start(config(""))) {
            assertThatThrownBy(() -> handshake(CBC_SHA1, CBC_SHA1_256)).isInstanceOf(SSLException.class);
            assertThat(handshake(GCM)).isEqualTo(GCM);
        }
    }

    @Test
    void anExplicitListIsHonoured() throws Exception {
        try (LoftServer server = LoftServer.start(config("ssl_cipher_list = ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES128-GCM-SHA256"))) {
            assertThat(handshake(CBC_SHA1)).isEqualTo(CBC_SHA1);
            assertThat(handshake(GCM)).isEqualTo(GCM);
        }
    }

    /** The suite a TLS 1.2 client offering only {@code offered} negotiates on the imaps port. */
    private String handshake(String... offered) throws Exception {
        try (SSLSocket socket = (SSLSocket) SniCertificatesTest.trustingAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            params.setCipherSuites(offered);
            socket.setSSLParameters(params);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }
}
