package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** The hash-dependent parts of SCRAM (RFC 5802 section 3): Hi, HMAC, H. */
public enum ScramAlgorithm {
    SHA_1("SCRAM-SHA-1", "SHA-1", 20),
    SHA_256("SCRAM-SHA-256", "SHA-256", 32);

    private final String schemeName;
    private final String jdkName;
    private final int length;

    ScramAlgorithm(String schemeName, String jdkName, int length) {
        this.schemeName = schemeName;
        this.jdkName = jdkName;
        this.length = length;
    }

    /** The password scheme and SASL mechanism name. */
    public String schemeName() {
        return schemeName;
    }

    public int length() {
        return length;
    }

    private Digest newDigest() {
        return this == SHA_1 ? new SHA1Digest() : new SHA256Digest();
    }

    /** Hi(password, salt, i): PBKDF2 with this hash's HMAC. */
    public byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(newDigest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedMacParameters(length * 8)).getKey();
    }

    public byte[] hmac(byte[] key, byte[] message) {
        HMac mac = new HMac(newDigest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[length];
        mac.doFinal(out, 0);
        return out;
    }

    public byte[] hash(byte[] data) {
        return DigestScheme.digest(jdkName).digest(data);
    }

    /** StoredKey and ServerKey for a password. */
    public ScramCredentials credentials(byte[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredentials(iterations, salt, hash(clientKey), serverKey);
    }

    static boolean sameKey(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
