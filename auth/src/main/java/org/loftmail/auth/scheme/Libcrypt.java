package org.loftmail.auth.scheme;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The system's crypt(3) (libxcrypt's reentrant {@code crypt_rn}) through JNA, for the hashes Loft
 * does not implement in Java: traditional DES, yescrypt ({@code $y$}, Debian's default for
 * /etc/shadow), gost-yescrypt, scrypt ({@code $7$}), sha1crypt, SunMD5 and whatever the system
 * library adds. See docs/adr/0201-crypt-family-in-java-with-libcrypt-fallback.md.
 */
final class Libcrypt {
    /** sizeof(struct crypt_data) in libxcrypt. */
    private static final int CRYPT_DATA_SIZE = 32768;

    interface Api extends Library {
        Pointer crypt_rn(byte[] phrase, byte[] setting, Pointer data, int size);
    }

    private final Api api;
    private final String unavailableReason;

    private Libcrypt(Api api, String unavailableReason) {
        this.api = api;
        this.unavailableReason = unavailableReason;
    }

    /** The system library, or an unavailable instance that says why. */
    static Libcrypt system() {
        String problem = "";
        for (String name : new String[] {"libcrypt.so.1", "crypt"}) {
            try {
                // JNA binds functions lazily: look crypt_rn up now so a library without it (old
                // glibc libcrypt) counts as unavailable instead of failing at the first login
                NativeLibrary.getInstance(name).getFunction("crypt_rn");
                return new Libcrypt(Native.load(name, Api.class), "");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                problem = e.getMessage();
            }
        }
        return new Libcrypt(null, "libcrypt with crypt_rn not found: " + problem);
    }

    static Libcrypt unavailable(String reason) {
        return new Libcrypt(null, reason);
    }

    boolean available() {
        return api != null;
    }

    String unavailableReason() {
        return unavailableReason;
    }

    /**
     * crypt(3) of {@code phrase} with {@code setting} (a full hash or a bare setting). Empty when
     * the library rejects the setting or the phrase holds a NUL byte (C cannot see past it).
     */
    Optional<String> crypt(byte[] phrase, String setting) throws InvalidStoredPasswordException {
        if (api == null) {
            throw new InvalidStoredPasswordException("this crypt hash needs the system crypt(3): " + unavailableReason);
        }
        for (byte b : phrase) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        byte[] p = Arrays.copyOf(phrase, phrase.length + 1);
        byte[] s = Arrays.copyOf(setting.getBytes(StandardCharsets.UTF_8), setting.getBytes(StandardCharsets.UTF_8).length + 1);
        try (Memory data = new Memory(CRYPT_DATA_SIZE)) {
            data.clear();
            Pointer result = api.crypt_rn(p, s, data, CRYPT_DATA_SIZE);
            Arrays.fill(p, (byte) 0);
            if (result == null) {
                return Optional.empty();
            }
            String hash = result.getString(0, StandardCharsets.ISO_8859_1.name());
            data.clear();
            return hash.isEmpty() || hash.startsWith("*") ? Optional.empty() : Optional.of(hash);
        }
    }
}
