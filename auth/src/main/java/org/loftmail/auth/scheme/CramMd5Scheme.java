package org.loftmail.auth.scheme;

import java.util.List;

/**
 * CRAM-MD5 (also HMAC-MD5): the HMAC-MD5 context of the password, i.e. the MD5 chaining states
 * after the outer (key XOR opad) and inner (key XOR ipad) blocks, each as four little-endian
 * words; 32 bytes, hex. Holding this lets the server check CRAM-MD5 without the plaintext, and it
 * is as good as the password for CRAM-MD5.
 */
public final class CramMd5Scheme implements PasswordScheme {
    static final int CONTEXT_LENGTH = 32;

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public List<String> aliases() {
        return List.of("HMAC-MD5");
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.HEX;
    }

    @Override
    public int rawLength() {
        return CONTEXT_LENGTH;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) {
        return ConstantTime.equal(context(plain), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return context(plain);
    }

    /** The 32-byte HMAC-MD5 context of {@code key}: outer state, then inner state. */
    static byte[] context(byte[] key) {
        byte[] k = key.length > 64 ? Md5State.initial().update(key).digest() : key;
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte kb = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (kb ^ 0x36);
            opad[i] = (byte) (kb ^ 0x5c);
        }
        int[] outer = Md5State.initial().update(opad).state();
        int[] inner = Md5State.initial().update(ipad).state();
        byte[] out = new byte[CONTEXT_LENGTH];
        for (int i = 0; i < 4; i++) {
            Md5State.putLittleEndian(out, 4 * i, outer[i]);
            Md5State.putLittleEndian(out, 16 + 4 * i, inner[i]);
        }
        return out;
    }

    /**
     * HMAC-MD5 of {@code message} computed from a stored context (what the CRAM-MD5 mechanism
     * compares with the client's digest).
     */
    public static byte[] hmac(byte[] context, byte[] message) {
        if (context.length != CONTEXT_LENGTH) {
            throw new IllegalArgumentException("CRAM-MD5 context must be 32 bytes");
        }
        int[] outer = new int[4];
        int[] inner = new int[4];
        for (int i = 0; i < 4; i++) {
            outer[i] = Md5State.getLittleEndian(context, 4 * i);
            inner[i] = Md5State.getLittleEndian(context, 16 + 4 * i);
        }
        byte[] innerDigest = Md5State.resume(inner, 64).update(message).digest();
        return Md5State.resume(outer, 64).update(innerDigest).digest();
    }
}
