package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in a header value, for display and SEARCH.
 * B and Q encodings, any charset Java knows (with an optional RFC 2231 {@code *language}); white space between
 * adjacent encoded-words is dropped and their bytes are joined before decoding (so a character split across two
 * words survives). Encoded-words with an unknown charset or a broken encoding are left as written. Text outside
 * encoded-words is read as UTF-8 when it is valid UTF-8, else as ISO-8859-1.
 */
public final class EncodedWords {
    private EncodedWords() {}

    /** Decodes a header value given as a byte string (see {@link ByteStrings}); returns Unicode text. */
    public static String decode(String byteString) {
        if (byteString.indexOf("=?") < 0) {
            return rawText(byteString);
        }
        StringBuilder out = new StringBuilder(byteString.length());
        int i = 0;
        int n = byteString.length();
        int plainStart = 0;
        Charset pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int afterLastWord = -1; // where the last decoded word ended, to drop white space between words
        while (i < n) {
            int start = byteString.indexOf("=?", i);
            if (start < 0) {
                break;
            }
            Word w = parseWord(byteString, start);
            if (w == null) {
                i = start + 2;
                continue;
            }
            String between = byteString.substring(plainStart, start);
            boolean adjacent = afterLastWord >= 0 && isBlank(between);
            if (!adjacent || !w.charset.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = w.charset;
                if (!adjacent) {
                    out.append(rawText(between));
                }
            }
            pending.writeBytes(w.bytes);
            i = w.end;
            plainStart = i;
            afterLastWord = i;
        }
        flush(out, pending, pendingCharset);
        out.append(rawText(byteString.substring(plainStart)));
        return out.toString();
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private record Word(Charset charset, byte[] bytes, int end) {}

    /** Parses the encoded-word at {@code start}, or returns null if it is not a decodable one. */
    private static Word parseWord(String s, int start) {
        int q1 = s.indexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
            return null;
        }
        char enc = Character.toUpperCase(s.charAt(q1 + 1));
        int textStart = q1 + 3;
        int close = s.indexOf("?=", textStart);
        if (close < 0) {
            return null;
        }
        String text = s.substring(textStart, close);
        if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0) {
            return null;
        }
        Charset charset = Charsets.lookup(s.substring(start + 2, q1));
        if (charset == null) {
            return null;
        }
        byte[] bytes = switch (enc) {
            case 'B' -> base64(text);
            case 'Q' -> q(text);
            default -> null;
        };
        if (bytes == null) {
            return null;
        }
        return new Word(charset, bytes, close + 2);
    }

    private static byte[] base64(String text) {
        Base64Decoder d = new Base64Decoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Base64Decoder.isAlphabet(c) && c != '=') {
                return null;
            }
            d.accept(c, out);
        }
        return d.finish(out) ? out.toByteArray() : null;
    }

    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() + 0 && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '=') {
                return null;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toByteArray();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Header bytes outside encoded-words: UTF-8 when valid, else ISO-8859-1. */
    static String rawText(String byteString) {
        if (ByteStrings.isAscii(byteString)) {
            return byteString;
        }
        byte[] b = ByteStrings.bytes(byteString);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return byteString;
        }
    }
}
