package org.loftmail.core.mime;

import java.nio.charset.StandardCharsets;

/** Helpers for byte strings: Java strings whose chars are raw bytes 0-255 (ISO-8859-1). */
public final class ByteStrings {
    private ByteStrings() {}

    public static String of(byte[] bytes, int off, int len) {
        return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads the bytes as UTF-8 (malformed sequences become U+FFFD). */
    public static String utf8(String byteString) {
        return new String(bytes(byteString), StandardCharsets.UTF_8);
    }

    /** Turns a Unicode string into the byte string of its UTF-8 encoding. */
    public static String fromUtf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
