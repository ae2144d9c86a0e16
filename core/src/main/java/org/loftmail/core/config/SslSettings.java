package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The TLS settings in effect for one context (local_name filters choose per-SNI certificates); bound by
 * {@link SslSettingsBinder}.
 *
 * @param mode ssl = no | yes | required
 * @param certPem ssl_cert: the PEM text (key = &lt;file reads the file); the server certificate first,
 *     then any intermediates; empty when none is configured
 * @param keyPem ssl_key: the PEM private key text, empty when none is configured
 * @param keyPassword ssl_key_password, empty for an unencrypted key
 * @param caPem ssl_ca: PEM CA certificates (Dovecot uses them to verify client certificates)
 * @param certFile the file ssl_cert was read from, if it was
 * @param keyFile the file ssl_key was read from, if it was
 * @param minProtocol the lowest TLS version to accept, never below TLSv1.2
 * @param cipherList ssl_cipher_list (OpenSSL syntax, TLS 1.2 and below)
 * @param preferServerCiphers ssl_prefer_server_ciphers
 * @param verifyClientCert ssl_verify_client_cert
 */
public record SslSettings(Mode mode, String certPem, String keyPem, String keyPassword, String caPem, Path certFile,
        Path keyFile, String minProtocol, String cipherList, boolean preferServerCiphers,
        boolean verifyClientCert) {

    /** Dovecot's {@code ssl} values. */
    public enum Mode {
        /** No TLS at all: implicit-TLS listeners are not started, STARTTLS is not offered. */
        NO,
        /** TLS offered; plaintext logins still depend on disable_plaintext_auth. */
        YES,
        /** TLS required before any authentication (except from login_trusted_networks... as Dovecot). */
        REQUIRED
    }

    /** TLS versions in order; Loft's floor is TLSv1.2. */
    public static final List<String> VERSIONS = List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public static final String FLOOR = "TLSv1.2";

    /**
     * The settings that make up one TLS context, all of which a {@code local_name} block may change per SNI
     * name (Dovecot builds a whole new context for the name).
     */
    public static final List<String> PER_NAME_KEYS = List.of("ssl_cert", "ssl_key", "ssl_ca", "ssl_key_password",
            "ssl_min_protocol", "ssl_protocols", "ssl_cipher_list", "ssl_cipher_suites", "ssl_prefer_server_ciphers",
            "ssl_verify_client_cert");

    public SslSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(cipherList, "cipherList");
        if (!VERSIONS.contains(minProtocol) || VERSIONS.indexOf(minProtocol) < VERSIONS.indexOf(FLOOR)) {
            throw new InvalidSettingException("ssl_min_protocol",
                    "ssl_min_protocol: minProtocol must be TLSv1.2 or TLSv1.3: " + minProtocol);
        }
        if (!certPem.isEmpty() && !certPem.contains("-----BEGIN")) {
            throw new InvalidSettingException("ssl_cert",
                    "ssl_cert: the value is not a PEM certificate (did you forget '<' before the file name?)");
        }
        if (!keyPem.isEmpty() && !keyPem.contains("-----BEGIN")) {
            throw new InvalidSettingException("ssl_key",
                    "ssl_key: the value is not a PEM private key (did you forget '<' before the file name?)");
        }
        if (!caPem.isEmpty() && !caPem.contains("-----BEGIN")) {
            throw new InvalidSettingException("ssl_ca",
                    "ssl_ca: the value is not PEM certificates (did you forget '<' before the file name?)");
        }
        if (mode != Mode.NO && !certPem.isEmpty() && keyPem.isEmpty()) {
            throw new InvalidSettingException("ssl_cert", "ssl_cert: ssl_cert is set but ssl_key is not");
        }
        if (mode != Mode.NO && certPem.isEmpty() && !keyPem.isEmpty()) {
            throw new InvalidSettingException("ssl_key", "ssl_key: ssl_key is set but ssl_cert is not");
        }
        if (mode != Mode.NO && verifyClientCert && caPem.isBlank()) {
            // the transport checks this too, but only knows the certificate's line
            throw new InvalidSettingException("ssl_verify_client_cert",
                    "ssl_verify_client_cert = yes needs ssl_ca to verify against");
        }
    }

    public boolean enabled() {
        return mode != Mode.NO;
    }

    public boolean hasCertificate() {
        return !certPem.isEmpty();
    }
}
