package org.loftmail.auth.scheme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of password schemes, listed explicitly (no scanning), with Dovecot's rules for
 * reading stored values: {@code .b64}/{@code .hex} suffixes, hex accepted where base64 is the
 * default, and plaintext passwords turned into whatever a challenge-response mechanism needs.
 *
 * <p>{@link #verify}, {@link #credentials} and {@link #generate} block (see {@link PasswordScheme})
 * and throw IllegalStateException when called on a Netty event loop ({@link EventLoopGuard}).
 */
public final class PasswordSchemes {

    private static final Set<String> PLAINTEXT_SCHEMES = Set.of("PLAIN", "CLEARTEXT");

    private final Map<String, PasswordScheme> byName;
    private final List<String> canonicalNames;

    public PasswordSchemes(List<PasswordScheme> schemes) {
        Map<String, PasswordScheme> map = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (PasswordScheme scheme : schemes) {
            register(map, scheme.name(), scheme);
            names.add(scheme.name());
            for (String alias : scheme.aliases()) {
                register(map, alias, scheme);
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        this.canonicalNames = List.copyOf(names);
    }

    private static void register(Map<String, PasswordScheme> map, String name, PasswordScheme scheme) {
        if (map.putIfAbsent(name.toUpperCase(Locale.ROOT), scheme) != null) {
            throw new IllegalArgumentException("password scheme registered twice: " + name);
        }
    }

    /** Every scheme Loft implements. */
    public static PasswordSchemes standard() {
        Libcrypt libcrypt = Libcrypt.system();
        return new PasswordSchemes(List.of(
                new PlainScheme("PLAIN", List.of()),
                new PlainScheme("CLEARTEXT", List.of("CLEAR")),
                new CryptScheme("CRYPT", libcrypt, CryptScheme.Generates.BCRYPT),
                new CryptScheme("DES-CRYPT", libcrypt, CryptScheme.Generates.DES),
                new Md5CryptScheme(),
                new Md5Scheme(),
                new CryptScheme("SHA256-CRYPT", libcrypt, CryptScheme.Generates.SHA256),
                new CryptScheme("SHA512-CRYPT", libcrypt, CryptScheme.Generates.SHA512),
                new BcryptScheme(),
                Argon2Scheme.argon2i(),
                Argon2Scheme.argon2id(),
                new Pbkdf2Scheme(),
                new DigestScheme("SHA", List.of("SHA1"), "SHA-1", PasswordEncoding.BASE64),
                new DigestScheme("SHA256", List.of(), "SHA-256", PasswordEncoding.BASE64),
                new DigestScheme("SHA512", List.of(), "SHA-512", PasswordEncoding.BASE64),
                new DigestScheme("PLAIN-MD5", List.of(), "MD5", PasswordEncoding.HEX),
                new DigestScheme("LDAP-MD5", List.of(), "MD5", PasswordEncoding.BASE64),
                new DigestScheme("PLAIN-MD4", List.of(), "MD4", PasswordEncoding.HEX),
                new DigestMd5Scheme(),
                new SaltedDigestScheme("SSHA", "SHA-1"),
                new SaltedDigestScheme("SSHA256", "SHA-256"),
                new SaltedDigestScheme("SSHA512", "SHA-512"),
                new SaltedDigestScheme("SMD5", "MD5"),
                new CramMd5Scheme(),
                ScramScheme.sha1(),
                ScramScheme.sha256()));
    }

    /** Canonical names of all schemes, in registration order. */
    public List<String> names() {
        return canonicalNames;
    }

    /** The scheme called {@code name} (case-insensitive, an encoding suffix is ignored). */
    public Optional<PasswordScheme> find(String name) {
        return Optional.ofNullable(byName.get(new StoredPassword(name, "").baseScheme()));
    }

    /**
     * Checks a password against a stored one. Blocks (slow schemes run here).
     *
     * @param user the login name (some schemes salt with it)
     * @throws InvalidStoredPasswordException when the scheme is unknown or the stored value broken
     */
    public boolean verify(byte[] plain, StoredPassword stored, String user) throws InvalidStoredPasswordException {
        EventLoopGuard.requireBlockingAllowed("password verification");
        PasswordScheme scheme = require(stored);
        try {
            return scheme.verify(plain, decode(scheme, stored), user);
        } catch (RuntimeException e) {
            // a last line of defence: a broken passdb entry must not take a login thread down
            throw new InvalidStoredPasswordException(scheme.name() + " value could not be checked ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The credentials a challenge-response mechanism needs, in {@code wantedScheme}'s raw form
     * (CRAM-MD5's 32-byte HMAC context, SCRAM's {@code iter,salt,stored,server} text): the stored
     * value itself when it is already in that scheme, derived from it when it is plaintext, empty
     * when neither (a SHA512-CRYPT hash cannot serve CRAM-MD5).
     */
    public Optional<byte[]> credentials(StoredPassword stored, String wantedScheme, String user)
            throws InvalidStoredPasswordException {
        EventLoopGuard.requireBlockingAllowed("credentials derivation");
        PasswordScheme wanted = find(wantedScheme)
                .orElseThrow(() -> new InvalidStoredPasswordException("unknown password scheme " + wantedScheme));
        PasswordScheme have = require(stored);
        byte[] raw = decode(have, stored);
        if (have == wanted) {
            return Optional.of(raw);
        }
        if (PLAINTEXT_SCHEMES.contains(have.name())) {
            return Optional.of(wanted.generate(raw, new GenerateOptions(user, java.util.OptionalInt.empty())));
        }
        return Optional.empty();
    }

    /**
     * Makes a new stored password. {@code schemeName} may carry {@code .b64}/{@code .hex}, as in
     * {@code doveadm pw -s SHA256.hex}.
     *
     * @throws IllegalArgumentException for an unknown scheme or a rounds value it cannot use
     */
    public StoredPassword generate(String schemeName, byte[] plain, GenerateOptions options) {
        EventLoopGuard.requireBlockingAllowed("password hashing");
        StoredPassword name = new StoredPassword(schemeName, "");
        PasswordScheme scheme = find(schemeName)
                .orElseThrow(() -> new IllegalArgumentException("Unknown scheme: " + schemeName));
        PasswordEncoding encoding = name.explicitEncoding().orElse(scheme.defaultEncoding());
        byte[] raw = scheme.generate(plain, options);
        String canonical = name.baseScheme();
        String suffix = name.explicitEncoding().isPresent() ? encoding.suffix() : "";
        return new StoredPassword(canonical + suffix, encoding.encode(raw));
    }

    private PasswordScheme require(StoredPassword stored) throws InvalidStoredPasswordException {
        PasswordScheme scheme = byName.get(stored.baseScheme());
        if (scheme == null) {
            throw new InvalidStoredPasswordException("unknown password scheme " + stored.scheme());
        }
        return scheme;
    }

    /** Decodes the stored text to the scheme's raw bytes, checking the length where it is fixed. */
    static byte[] decode(PasswordScheme scheme, StoredPassword stored) throws InvalidStoredPasswordException {
        Optional<PasswordEncoding> explicit = stored.explicitEncoding();
        PasswordEncoding encoding = explicit.orElse(scheme.defaultEncoding());
        String text = stored.value();
        byte[] raw;
        if (explicit.isEmpty() && encoding == PasswordEncoding.BASE64 && scheme.rawLength() > 0
                && text.length() == scheme.rawLength() * 2 && isHex(text)) {
            // Dovecot accepts hex where base64 is the default when the length says so.
            raw = HexFormat.of().parseHex(text);
        } else if (explicit.isEmpty() && encoding == PasswordEncoding.HEX && !isHex(text)) {
            // ...and base64 where hex is the default and the text is not hex (PLAIN-MD5, CRAM-MD5)
            raw = PasswordEncoding.BASE64.decode(text);
        } else {
            raw = encoding.decode(text);
        }
        if (scheme.rawLength() > 0 && raw.length != scheme.rawLength()) {
            throw new InvalidStoredPasswordException(scheme.name() + " value has length " + raw.length
                    + ", expected " + scheme.rawLength());
        }
        return raw;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
