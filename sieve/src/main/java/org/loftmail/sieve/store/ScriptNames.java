package org.loftmail.sieve.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Script names and the files that hold them. A name is client input: RFC 5804 section 1.6 and Pigeonhole's
 * {@code sieve_script_name_is_valid} allow any non-empty UTF-8 string of at most 256 characters without control
 * characters (U+0000–U+001F, U+007F–U+009F), U+2028/U+2029, U+00FF or {@code /}. The script's file is the name
 * plus {@code .sieve} in the storage directory; since a name has no {@code /} and no NUL, the file is always a
 * direct child of that directory (names such as {@code ..} give the harmless file {@code ...sieve}).
 */
public final class ScriptNames {

    /** Pigeonhole's SIEVE_MAX_SCRIPT_NAME_LEN, in characters. */
    public static final int MAX_LENGTH = 256;

    /** The extension of script files in the storage directory. */
    public static final String EXTENSION = ".sieve";

    private static final int MAX_FILE_NAME_BYTES = 255;

    private ScriptNames() {}

    /** What is wrong with {@code name}, or empty if it is a valid script name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) return Optional.of("empty script name");
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Character.isSurrogate((char) c)) return Optional.of("script name is not valid UTF-8");
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F) || c == 0xFF || c == '/' || c == 0x2028 || c == 0x2029) {
                return Optional.of(String.format("script name contains the character U+%04X", c));
            }
            count++;
            i += Character.charCount(c);
        }
        if (count > MAX_LENGTH) return Optional.of("script name is longer than " + MAX_LENGTH + " characters");
        if (fileName(name).getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            return Optional.of("script name is too long for a file name");
        }
        return Optional.empty();
    }

    /** True if {@code name} is a valid script name. */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** The file in the storage directory that holds script {@code name}. */
    public static String fileName(String name) {
        return name + EXTENSION;
    }

    /** The script a storage directory entry holds, or empty when the entry is not a script file. */
    public static Optional<String> fromFileName(String fileName) {
        if (!fileName.endsWith(EXTENSION)) return Optional.empty();
        String name = fileName.substring(0, fileName.length() - EXTENSION.length());
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }
}
