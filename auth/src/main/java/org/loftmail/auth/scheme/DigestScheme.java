package org.loftmail.auth.scheme;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.bouncycastle.crypto.digests.MD4Digest;

/** Unsalted digests: SHA, SHA256, SHA512, PLAIN-MD5, LDAP-MD5, PLAIN-MD4 (raw digest, base64 or hex). */
final class DigestScheme implements PasswordScheme {
    private final String name;
    private final List<String> aliases;
    private final String algorithm;
    private final PasswordEncoding encoding;
    private final int length;

    DigestScheme(String name, List<String> aliases, String algorithm, PasswordEncoding encoding) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.algorithm = algorithm;
        this.encoding = encoding;
        this.length = hash(algorithm, new byte[0]).length;
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return encoding;
    }

    @Override
    public int rawLength() {
        return length;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) {
        return ConstantTime.equal(generate(plain, GenerateOptions.defaults()), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return hash(algorithm, plain);
    }

    /** The JDK's digests, plus MD4 (which the JDK does not offer) from BouncyCastle. */
    static byte[] hash(String algorithm, byte[] data) {
        if (algorithm.equals("MD4")) {
            MD4Digest md4 = new MD4Digest();
            md4.update(data, 0, data.length);
            byte[] out = new byte[md4.getDigestSize()];
            md4.doFinal(out, 0);
            return out;
        }
        return digest(algorithm).digest(data);
    }
}
