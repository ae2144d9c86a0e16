package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** How a scheme's raw bytes are written as text: Dovecot's {@code .b64} and {@code .hex} suffixes, or as they are. */
public enum PasswordEncoding {
    /** The scheme's value is text already (crypt strings, PLAIN). */
    NONE,
    BASE64,
    HEX;

    static Optional<PasswordEncoding> fromSuffix(String suffix) {
        return switch (suffix.toUpperCase(Locale.ROOT)) {
            case "B64", "BASE64" -> Optional.of(BASE64);
            case "HEX" -> Optional.of(HEX);
            default -> Optional.empty();
        };
    }

    /** The scheme-name suffix, e.g. {@code .B64}; empty for NONE. */
    public String suffix() {
        return switch (this) {
            case NONE -> "";
            case BASE64 -> ".B64";
            case HEX -> ".HEX";
        };
    }

    byte[] decode(String text) throws InvalidStoredPasswordException {
        try {
            return switch (this) {
                case NONE -> text.getBytes(StandardCharsets.UTF_8);
                case BASE64 -> Base64.getDecoder().decode(text.strip());
                case HEX -> HexFormat.of().parseHex(text.strip());
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidStoredPasswordException("not valid " + name().toLowerCase(Locale.ROOT));
        }
    }

    String encode(byte[] raw) {
        return switch (this) {
            case NONE -> new String(raw, StandardCharsets.UTF_8);
            case BASE64 -> Base64.getEncoder().encodeToString(raw);
            case HEX -> HexFormat.of().formatHex(raw);
        };
    }
}
