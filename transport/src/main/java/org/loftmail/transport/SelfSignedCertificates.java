package org.loftmail.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes a self-signed certificate for a host name (the demo server's, and tests'), written as PEM files. */
public final class SelfSignedCertificates {

    private SelfSignedCertificates() {}

    public record PemPair(String certPem, String keyPem) {}

    /** An EC P-256 key and a certificate valid for ten years naming {@code host}, localhost and 127.0.0.1. */
    public static PemPair generate(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + host + ", O=Loft demo");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    name,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, host),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
            }));
            X509CertificateHolder holder =
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new PemPair(
                    TlsContexts.pem("CERTIFICATE", holder.getEncoded()),
                    TlsContexts.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /** Writes the pair unless both files exist already; the key file is made readable by its owner only. */
    public static PemPair ensure(Path certFile, Path keyFile, String host) throws IOException {
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            return new PemPair(Files.readString(certFile), Files.readString(keyFile));
        }
        PemPair pair = generate(host);
        Files.createDirectories(certFile.toAbsolutePath().getParent());
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Files.writeString(certFile, pair.certPem());
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pair.keyPem());
        return pair;
    }
}
