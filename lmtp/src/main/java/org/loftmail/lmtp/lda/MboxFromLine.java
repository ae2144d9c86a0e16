package org.loftmail.lmtp.lda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An MTA may put an mbox {@code From sender date} line before the message (Postfix's pipe flag F). dovecot-lda
 * drops it and takes the sender from it when {@code -f} and Return-Path are missing; so does Loft.
 */
final class MboxFromLine {

    private static final int MAX_LINE = 1000;

    private MboxFromLine() {}

    /**
     * Reads past a leading "From " line and returns its sender, or leaves the stream where it was and returns "".
     * {@code in} must support mark/reset.
     */
    static String skip(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("needs a stream with mark/reset");
        }
        in.mark(MAX_LINE + 2);
        byte[] head = in.readNBytes(5);
        if (head.length < 5 || !new String(head, StandardCharsets.US_ASCII).equals("From ")) {
            in.reset();
            return "";
        }
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < MAX_LINE) {
            line.append((char) b);
        }
        if (b != '\n') {
            // not a real envelope line (too long or the whole input): keep everything
            in.reset();
            return "";
        }
        String text = line.toString().strip();
        int space = text.indexOf(' ');
        String sender = space < 0 ? text : text.substring(0, space);
        return sender.equals("MAILER-DAEMON") ? "" : sender;
    }
}
