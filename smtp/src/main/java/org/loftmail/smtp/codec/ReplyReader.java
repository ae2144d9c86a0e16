package org.loftmail.smtp.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's replies (RFC 5321 section 4.2): {@code 250-first} … {@code 250 last}, with the enhanced status
 * code (RFC 2034) taken off each line's text when it is there and agrees with the reply's class. Lines and replies
 * are bounded, so a hostile server cannot make the client buffer without end. Anything that is not a reply is an
 * {@link IOException}: the client cannot know what the server meant.
 */
public final class ReplyReader {

    /** RFC 5321 section 4.5.3.1.5: a reply line is at most 512 octets; servers exceed it, so allow more. */
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 1000;
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?$",
            Pattern.DOTALL);

    private final InputStream in;

    public ReplyReader(InputStream in) {
        this.in = in;
    }

    public SmtpReply read() throws IOException {
        List<String> texts = new ArrayList<>();
        int code = -1;
        String enhanced = null;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("malformed reply line: " + ReplyWriter.safe(abbreviate(line)));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (lineCode < 200 || lineCode > 599 || (code >= 0 && lineCode != code)) {
                throw new IOException("unexpected reply code in: " + ReplyWriter.safe(abbreviate(line)));
            }
            code = lineCode;
            String text = line.length() > 4 ? line.substring(4) : "";
            Matcher m = ENHANCED.matcher(text);
            String lineEnhanced = m.matches() && m.group(1).charAt(0) - '0' == code / 100 ? m.group(1) : "";
            if (enhanced == null) {
                enhanced = lineEnhanced;
            }
            if (!enhanced.isEmpty() && lineEnhanced.equals(enhanced)) {
                text = m.group(2) == null ? "" : m.group(2);
            }
            texts.add(text);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, enhanced, texts);
            }
            if (texts.size() >= MAX_LINES) {
                throw new IOException("reply longer than " + MAX_LINES + " lines");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server"
                        + (line.size() > 0 ? " in the middle of a reply" : ""));
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
