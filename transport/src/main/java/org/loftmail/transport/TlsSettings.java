package org.loftmail.transport;

import java.util.Objects;

/**
 * What the transport needs to build a TLS context: PEM texts and the key's password, if it is encrypted (Dovecot's {@code ssl_cert = </path} reads the file,
 * so these are contents, not paths), the lowest protocol, an OpenSSL-style cipher list, and whether the server's
 * cipher order wins, and whether clients are asked for a certificate (verified against the CA PEM; a client
 * without one may still connect, as with Dovecot's ssl_verify_client_cert). {@code source} names where the settings came from, for error messages.
 */
public record TlsSettings(
        String certPem,
        String keyPem,
        String keyPassword,
        String caPem,
        String minProtocol,
        String cipherList,
        boolean preferServerCiphers,
        boolean verifyClientCert,
        String source) {

    public TlsSettings {
        Objects.requireNonNull(certPem, "ssl_cert");
        Objects.requireNonNull(keyPem, "ssl_key");
        keyPassword = keyPassword == null || keyPassword.isEmpty() ? null : keyPassword;
        caPem = caPem == null ? "" : caPem;
        minProtocol = minProtocol == null || minProtocol.isBlank() ? "TLSv1.2" : minProtocol;
        cipherList = cipherList == null ? "" : cipherList;
        source = source == null ? "ssl settings" : source;
        if (verifyClientCert && caPem.isBlank()) {
            throw new IllegalArgumentException(source + ": ssl_verify_client_cert = yes needs ssl_ca to verify against");
        }
    }

    /** Without client-certificate verification. */
    public TlsSettings(String certPem, String keyPem, String keyPassword, String caPem, String minProtocol,
            String cipherList, boolean preferServerCiphers, String source) {
        this(certPem, keyPem, keyPassword, caPem, minProtocol, cipherList, preferServerCiphers, false, source);
    }
}
