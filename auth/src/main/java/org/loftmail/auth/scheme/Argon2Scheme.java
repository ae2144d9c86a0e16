package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * ARGON2I and ARGON2ID in the PHC string form Dovecot (libsodium) writes:
 * {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>} (unpadded base64). Generation uses
 * Dovecot's defaults (ARGON2I m=32 MiB t=4, ARGON2ID m=64 MiB t=3); {@code rounds} sets t.
 */
final class Argon2Scheme implements PasswordScheme {
    /** Refuse stored parameters that would let a passdb entry exhaust memory or CPU (4 GiB, 1000 passes). */
    private static final long MAX_MEMORY_KIB = 4L * 1024 * 1024;
    private static final int MAX_PASSES = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String id;
    private final int type;
    private final int defaultMemoryKib;
    private final int defaultPasses;

    private Argon2Scheme(String name, String id, int type, int defaultMemoryKib, int defaultPasses) {
        this.name = name;
        this.id = id;
        this.type = type;
        this.defaultMemoryKib = defaultMemoryKib;
        this.defaultPasses = defaultPasses;
    }

    static Argon2Scheme argon2i() {
        return new Argon2Scheme("ARGON2I", "argon2i", Argon2Parameters.ARGON2_i, 32768, 4);
    }

    static Argon2Scheme argon2id() {
        return new Argon2Scheme("ARGON2ID", "argon2id", Argon2Parameters.ARGON2_id, 65536, 3);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    private record Phc(int version, int memoryKib, int passes, int lanes, byte[] salt, byte[] hash) {}

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        Phc phc = parse(new String(raw, StandardCharsets.UTF_8));
        byte[] computed = derive(plain, phc.version, phc.memoryKib, phc.passes, phc.lanes, phc.salt, phc.hash.length);
        return ConstantTime.equal(computed, phc.hash);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        int passes = options.roundsOr(defaultPasses);
        if (passes > MAX_PASSES) {
            throw new IllegalArgumentException(name + " rounds must be at most " + MAX_PASSES);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(plain, Argon2Parameters.ARGON2_VERSION_13, defaultMemoryKib, passes, 1, salt, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$" + id + "$v=19$m=" + defaultMemoryKib + ",t=" + passes + ",p=1$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return phc.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] derive(byte[] plain, int version, int memoryKib, int passes, int lanes, byte[] salt, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(plain, out);
        return out;
    }

    private Phc parse(String s) throws InvalidStoredPasswordException {
        String[] parts = s.split("\\$", -1);
        // "", id, v=19, m=..,t=..,p=.., salt, hash   (v= is optional in old strings)
        int i = 1;
        if (parts.length < 5 || !parts[0].isEmpty() || !parts[i++].equals(id)) {
            throw new InvalidStoredPasswordException(name + " value is not a $" + id + "$ string");
        }
        int version = Argon2Parameters.ARGON2_VERSION_10;
        if (parts[i].startsWith("v=")) {
            int v = number(parts[i++].substring(2));
            if (v != 16 && v != 19) {
                throw new InvalidStoredPasswordException(name + " version " + v + " is not supported");
            }
            version = v == 19 ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10;
        }
        if (parts.length != i + 3) {
            throw new InvalidStoredPasswordException(name + " value has the wrong number of fields");
        }
        int memory = -1;
        int passes = -1;
        int lanes = -1;
        for (String kv : parts[i++].split(",")) {
            if (kv.startsWith("m=")) {
                memory = number(kv.substring(2));
            } else if (kv.startsWith("t=")) {
                passes = number(kv.substring(2));
            } else if (kv.startsWith("p=")) {
                lanes = number(kv.substring(2));
            } else {
                throw new InvalidStoredPasswordException(name + " has an unknown parameter");
            }
        }
        if (memory < 8 || passes < 1 || lanes < 1 || lanes > 255 || memory < 8L * lanes
                || memory > MAX_MEMORY_KIB || passes > MAX_PASSES) {
            throw new InvalidStoredPasswordException(name + " parameters out of range");
        }
        byte[] salt = unb64(parts[i++]);
        byte[] hash = unb64(parts[i]);
        if (salt.length < 8 || hash.length < 4) {
            throw new InvalidStoredPasswordException(name + " salt or hash too short");
        }
        return new Phc(version, memory, passes, lanes, salt, hash);
    }

    private int number(String s) throws InvalidStoredPasswordException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidStoredPasswordException(name + " parameter is not a number");
        }
    }

    private byte[] unb64(String s) throws InvalidStoredPasswordException {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidStoredPasswordException(name + " salt or hash is not base64");
        }
    }
}
