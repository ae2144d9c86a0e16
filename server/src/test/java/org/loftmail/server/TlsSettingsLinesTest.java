package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.transport.SelfSignedCertificates;

/** A TLS setting the transport refuses is reported at its own line, not at the certificate's (docs/adr/0103). */
class TlsSettingsLinesTest {

    @TempDir
    Path dir;

    @Test
    void aCipherListThatSelectsNothingIsReportedAtItsLine() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "ssl_cipher_list is only evaluated with OpenSSL (netty-tcnative)");
        SelfSignedCertificates.PemPair pair = SelfSignedCertificates.generate("mail.test");
        Files.writeString(dir.resolve("cert.pem"), pair.certPem());
        Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        Path config = Files.writeString(dir.resolve("loft.conf"), """
                ssl = yes
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/key.pem
                ssl_cipher_list = NOTHING-AT-ALL
                """.formatted(dir));
        assertThatThrownBy(() -> LoftServer.tlsContexts(LoftConfig.load(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":4: ssl_cipher_list 'NOTHING-AT-ALL' selects no cipher suite");
    }
}
