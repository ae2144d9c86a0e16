package org.loftmail.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds server TLS contexts: OpenSSL (BoringSSL) when Netty's native library loads, the JDK's otherwise. */
public final class TlsContexts {

    private TlsContexts() {}

    /**
     * The cipher list used when the administrator sets no ssl_cipher_list: Dovecot 2.3's default plus {@code !SHA1},
     * which drops the TLS 1.2 CBC suites with SHA-1 MACs (ECDHE-RSA-AES128-SHA, ECDHE-RSA-AES256-SHA, …: the
     * Lucky-13 family, flagged by every TLS scanner). TLS 1.2 keeps the ECDHE AES-GCM and ChaCha20 suites; TLS 1.3 is
     * unaffected. An explicit ssl_cipher_list is used as written, these suites included if it names them.
     */
    public static final String DEFAULT_CIPHER_LIST =
            "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW:!SHA1@STRENGTH";

    /**
     * Thrown with a message naming the setting and what is wrong with it; {@link #setting()} is the Dovecot key
     * whose line the server reports (ssl_cert for the certificate and key, which are one pair).
     */
    public static final class TlsConfigException extends Exception {
        private final String setting;

        public TlsConfigException(String message, Throwable cause) {
            this("ssl_cert", message, cause);
        }

        public TlsConfigException(String setting, String message, Throwable cause) {
            super(message, cause);
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    /**
     * Sites often put their intermediate chain in ssl_ca (as the usual Postfix + Dovecot guides do), and OpenSSL
     * then sends it along with the certificate. So the CA certificates are appended to the served chain when
     * they continue it, and used alone for verifying client certificates otherwise.
     */
    public static SslContext server(TlsSettings settings) throws TlsConfigException {
        return server(settings, OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    /** With a chosen provider: tests use it to check the JDK fallback on a machine where OpenSSL loads. */
    static SslContext server(TlsSettings settings, SslProvider provider) throws TlsConfigException {
        var mismatch = CertificateKeyMatch.mismatch(settings.certPem(), settings.keyPem(), settings.keyPassword());
        if (mismatch.isPresent()) {
            throw new TlsConfigException(settings.source() + ": " + mismatch.get(), null);
        }
        if (!settings.caPem().isBlank()) {
            try {
                return build(settings, settings.certPem() + "\n" + settings.caPem(), provider);
            } catch (TlsConfigException chainNotContinued) {
                // ssl_ca holds client-verification CAs, not the server's chain
            }
        }
        return build(settings, settings.certPem(), provider);
    }

    private static SslContext build(TlsSettings settings, String chainPem, SslProvider provider)
            throws TlsConfigException {
        byte[] chain = chainPem.getBytes(StandardCharsets.US_ASCII);
        byte[] key = settings.keyPem().getBytes(StandardCharsets.US_ASCII);
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(
                    new ByteArrayInputStream(chain), new ByteArrayInputStream(key), settings.keyPassword());
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException(settings.source() + ": ssl_cert/ssl_key cannot be used: " + rootMessage(e), e);
        }
        builder.sslProvider(provider).protocols(protocolsFrom(settings.minProtocol(), settings.source()));
        if (settings.verifyClientCert()) {
            builder.clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(new ByteArrayInputStream(settings.caPem().getBytes(StandardCharsets.US_ASCII)));
        }
        List<String> ciphers = ciphersFrom(settings.cipherList(), provider, settings.source());
        if (!ciphers.isEmpty()) {
            builder.ciphers(ciphers);
        }
        try {
            return CipherOrder.apply(builder.build(), settings.preferServerCiphers());
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException(settings.source() + ": cannot set up TLS: " + rootMessage(e), e);
        }
    }

    /** ssl_min_protocol → the enabled protocol list. TLS 1.2 is the floor, whatever the setting says. */
    static String[] protocolsFrom(String minProtocol, String source) throws TlsConfigException {
        String p = minProtocol.trim();
        return switch (p) {
            case "TLSv1.3" -> new String[] {"TLSv1.3"};
            case "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "ANY" -> new String[] {"TLSv1.3", "TLSv1.2"};
            default -> throw new TlsConfigException("ssl_min_protocol",
                    source + ": ssl_min_protocol: unknown protocol '" + p + "' (use TLSv1.2 or TLSv1.3)", null);
        };
    }

    /**
     * ssl_cipher_list, an OpenSSL expression evaluated over the TLS 1.2 suites the provider offers, followed by
     * every TLS 1.3 suite it offers: the list does not govern TLS 1.3 (as in OpenSSL), but Netty takes one list
     * for both, and leaving the 1.3 suites out would make ssl_min_protocol = TLSv1.3 refuse every client.
     */
    static List<String> ciphersFrom(String list, SslProvider provider, String source) throws TlsConfigException {
        if (list.isBlank()) {
            return List.of();
        }
        List<String> available = new ArrayList<>(provider == SslProvider.OPENSSL
                ? OpenSsl.availableOpenSslCipherSuites()
                : List.of());
        if (available.isEmpty()) {
            // the JDK provider: its own defaults, which exclude every weak class but still enable CBC with SHA-1
            return list.equals(DEFAULT_CIPHER_LIST) ? jdkDefaultsWithoutCbcSha1() : List.of();
        }
        List<String> selected = new ArrayList<>(CipherList.select(list, available));
        if (selected.isEmpty()) {
            throw new TlsConfigException("ssl_cipher_list",
                    source + ": ssl_cipher_list '" + list + "' selects no cipher suite", null);
        }
        available.stream().filter(n -> n.startsWith("TLS_")).forEach(selected::add);
        return selected;
    }

    /** The JDK's default suites (IANA names) without the {@code …_CBC_SHA} ones. */
    private static List<String> jdkDefaultsWithoutCbcSha1() {
        try {
            return List.of(javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()).stream()
                    .filter(n -> !n.endsWith("_CBC_SHA")).toList();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** For tests and the demo: a PEM text of the given DER-encoded item. */
    static String pem(String type, byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String b64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        out.writeBytes(("-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toString(StandardCharsets.US_ASCII);
    }
}
