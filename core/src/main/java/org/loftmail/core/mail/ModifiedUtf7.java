package org.loftmail.core.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/** RFC 3501 section 5.1.3 modified UTF-7, as Dovecot stores mailbox names on disk ({@code Entw&APw-rfe}). */
public final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();

    private ModifiedUtf7() {}

    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) j++;
            byte[] utf16 = s.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            out.append('&');
            int bits = 0;
            int acc = 0;
            for (byte b : utf16) {
                acc = (acc << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 6) {
                    bits -= 6;
                    out.append(ALPHABET[(acc >> bits) & 0x3f]);
                }
            }
            if (bits > 0) out.append(ALPHABET[(acc << (6 - bits)) & 0x3f]);
            out.append('-');
            i = j;
        }
        return out.toString();
    }

    /** Decodes; throws IllegalArgumentException for malformed input (bad base64, unterminated, bad UTF-16). */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '&') {
                if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException("non-ASCII in modified UTF-7");
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) throw new IllegalArgumentException("unterminated modified UTF-7 shift");
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            ByteBuffer bytes = ByteBuffer.allocate((end - i) * 6 / 8 + 1);
            int bits = 0;
            int acc = 0;
            for (int k = i + 1; k < end; k++) {
                int v = value(s.charAt(k));
                acc = (acc << 6) | v;
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    bytes.put((byte) (acc >> bits));
                }
            }
            bytes.flip();
            if (bytes.remaining() % 2 != 0) throw new IllegalArgumentException("odd UTF-16 length in modified UTF-7");
            try {
                CharBuffer chars = StandardCharsets.UTF_16BE.newDecoder().decode(bytes);
                out.append(chars);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("bad UTF-16 in modified UTF-7", e);
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == ',') return 63;
        throw new IllegalArgumentException("bad character in modified UTF-7");
    }
}
