package org.loftmail.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Whether ssl_key is the private key of ssl_cert's first certificate. Neither TLS provider checks this when the
 * context is built (OpenSSL would only fail handshakes later), and with per-name blocks a block that sets
 * ssl_cert but inherits the global ssl_key is an easy slip, so Loft checks at startup, as Dovecot does.
 */
final class CertificateKeyMatch {

    private CertificateKeyMatch() {}

    /**
     * Signs a fixed text with the key and verifies it with the certificate. Empty when they match, or when the
     * check cannot be made (an unusual key type or a format left to the TLS library to report); otherwise why not.
     */
    static Optional<String> mismatch(String certPem, String keyPem, String keyPassword) {
        Optional<PrivateKey> key = privateKey(keyPem, keyPassword);
        Optional<PublicKey> certKey = firstCertificateKey(certPem);
        if (key.isEmpty() || certKey.isEmpty()) {
            return Optional.empty();
        }
        String algorithm = switch (key.get().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.empty();
        }
        if (!key.get().getAlgorithm().equals(certKey.get().getAlgorithm())
                && !(algorithm.startsWith("Ed") && certKey.get().getAlgorithm().startsWith("Ed"))) {
            return Optional.of("ssl_key is a " + key.get().getAlgorithm() + " key but ssl_cert holds a "
                    + certKey.get().getAlgorithm() + " key");
        }
        try {
            byte[] probe = "loft certificate/key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key.get());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certKey.get());
            verifier.update(probe);
            return verifier.verify(signature)
                    ? Optional.empty()
                    : Optional.of("ssl_key is not the private key of the certificate in ssl_cert");
        } catch (GeneralSecurityException e) {
            return Optional.of("ssl_key is not the private key of the certificate in ssl_cert (" + e.getMessage() + ")");
        }
    }

    private static Optional<PublicKey> firstCertificateKey(String certPem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.stream().findFirst().map(c -> ((X509Certificate) c).getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<PrivateKey> privateKey(String keyPem, String password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        char[] pw = password == null ? new char[0] : password.toCharArray();
        try (PEMParser parser = new PEMParser(new StringReader(keyPem))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                switch (item) {
                    case PrivateKeyInfo info -> {
                        return Optional.of(converter.getPrivateKey(info));
                    }
                    case PEMKeyPair pair -> {
                        return Optional.of(converter.getKeyPair(pair).getPrivate());
                    }
                    case PEMEncryptedKeyPair encrypted -> {
                        return Optional.of(converter.getKeyPair(
                                encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().build(pw))).getPrivate());
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                        return Optional.of(converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().build(pw))));
                    }
                    default -> {
                        // EC parameters or a certificate in the same file: keep reading
                    }
                }
            }
        } catch (IOException | RuntimeException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.pkcs.PKCSException e) {
            return Optional.empty(); // the TLS library reports a key it cannot read, with its own words
        }
        return Optional.empty();
    }
}
