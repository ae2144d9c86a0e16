package org.loftmail.transport;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * ssl_prefer_server_ciphers: whose suite order picks the TLS 1.2 suite, the server's ssl_cipher_list order
 * ({@code yes}) or the client's ({@code no}, Dovecot's default). Both providers need telling in both directions:
 * Netty's OpenSSL contexts always switch on SSL_OP_CIPHER_SERVER_PREFERENCE, and the JDK's server engines prefer
 * their own order by default too. Each new engine gets SSLParameters.useCipherSuitesOrder, which Netty's OpenSSL
 * engine turns into setting or clearing that option on its SSL. (tcnative's context-wide
 * SSLContext.setOptions needs Netty's internal context handle, which is not public API: the public
 * sslCtxPointer() is the raw SSL_CTX and crashes it.) BoringSSL chooses TLS 1.3 suites by its own fixed rule.
 */
final class CipherOrder {

    private CipherOrder() {}

    /** {@code context} wrapped so that every engine it makes follows {@code preferServer}. */
    static SslContext apply(SslContext context, boolean preferServer) {
        return new PerEngine(context, preferServer);
    }

    private static final class PerEngine extends DelegatingSslContext {

        private final boolean preferServer;

        PerEngine(SslContext context, boolean preferServer) {
            super(context);
            this.preferServer = preferServer;
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setUseCipherSuitesOrder(preferServer);
            engine.setSSLParameters(parameters);
        }
    }
}
